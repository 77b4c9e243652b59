#!/usr/bin/python3
"""Tests the behaviour of the installed `java` kernel (the default, aelab.kernel.AelabKernel) through jupyter_client:

  /usr/bin/python3 tools/test_kernel_behaviour.py [--starts N] [--load P] [--json FILE]

Checks, each against a time limit from issue 10:
  start        kernel_info answers within 5 s of the start, under load
  execute      a value, stdout and stderr (each on its own stream, in order), carriage returns kept (Progress's
               line rewritten in place), a multi-line string as text/plain
               (not collapsed HTML), an image as image/png with no run-dependent text beside it, display(x) shown
               without its display id as a result, compile and runtime errors as error outputs
  interrupt    while(true){}, a Thread.sleep loop, aelab training (Trainer.fit) and a loop that catches Throwable:
               the cell ends within 1 s (the Throwable loop: within 5 s, by replacing the execution JVM), the
               next cell shows its output, no thread of the cell keeps running (the JVM's CPU time stays flat),
               and the variables defined before survive (re-run into the new JVM for the Throwable loop)
  restart      during a busy cell: the kernel answers again within 10 s and runs a cell
  starts       N consecutive starts (default 20) under P busy processes (default 2), each ready (kernel_info and
               `1 + 1` answered) within 10 s
  quiet logs   the kernel writes nothing to its stdout/stderr (the server's terminal) during all of this
The time limits are the issue's for a machine loaded by P busy processes; when other work loads the machine beyond
that (1-minute load average above the number of cores before the test starts), the limits of the CPU-bound starts
(kernel_info, ready after a start or restart) are stretched by the factor load / cores, printed first: a start
(about 3.5 CPU seconds) gets that much less of the CPU. Interrupt limits are never stretched. Raw timings reported.
Prints one line per check and a JSON summary of the timings; exit status 1 when a check fails.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

failures = []
timings = {}
STRETCH = 1.0  # set in main from the load before the test


def limit(seconds):
    return seconds * STRETCH


def expect(cond, what):
    print(("ok: " if cond else "FAILED: ") + what, flush=True)
    if not cond:
        failures.append(what)


def record(name, value):
    timings.setdefault(name, []).append(round(value, 3))


class Kernel:
    def __init__(self, ksm, log_path):
        self.km = KernelManager(kernel_name="java", kernel_spec_manager=ksm)
        self.log = open(log_path, "ab")
        self.t0 = time.monotonic()
        self.km.start_kernel(stdout=self.log, stderr=self.log)
        pid = getattr(getattr(self.km, "provisioner", None), "pid", None)
        if pid:
            KERNEL_PIDS.add(pid)
        self.kc = self.km.client()
        self.kc.start_channels()

    def ready(self, timeout):
        self.kc.wait_for_ready(timeout=timeout)
        return time.monotonic() - self.t0

    def run(self, code, timeout=60, interrupt_after=None):
        """Executes code; returns (reply status, outputs, seconds from the interrupt (or the start) to the reply)."""
        mid = self.kc.execute(code)
        t = time.monotonic()
        t_int = None
        outs = []
        reply = None
        idle = False
        while reply is None or not idle:
            now = time.monotonic()
            if now - t > timeout:
                return "timeout", outs, now - (t_int or t)
            if interrupt_after is not None and t_int is None and now - t >= interrupt_after:
                self.km.interrupt_kernel()
                t_int = time.monotonic()
            try:
                m = self.kc.get_iopub_msg(timeout=0.02)
                if m["parent_header"].get("msg_id") == mid:
                    if m["msg_type"] in ("stream", "execute_result", "display_data", "error"):
                        outs.append((m["msg_type"], m["content"]))
                    elif m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                        idle = True
            except Exception:
                pass
            if reply is None:
                try:
                    r = self.kc.get_shell_msg(timeout=0.001)
                    if r["parent_header"].get("msg_id") == mid:
                        reply = r["content"]["status"]
                        t_reply = time.monotonic()
                except Exception:
                    pass
        return reply, outs, t_reply - (t_int or t)

    def stop(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)
        self.log.close()


def text_of(outs, kind="execute_result"):
    return "".join(c["data"].get("text/plain", "") if "data" in c else c.get("text", "")
                   for k, c in outs if k == kind)


def stream(outs, name):
    return "".join(c["text"] for k, c in outs if k == "stream" and c["name"] == name)


KERNEL_PIDS = set()   # the kernel JVMs this test started
EXEC_PIDS = set()     # their execution JVMs, as seen while they ran


# the main class of the kernel's execution JVMs (aelab-kernel, NoDelayJdiEngine)
EXECUTION_AGENT = b"aelab.kernel.remote.NoDelayRemoteAgent"


def java_cpu_seconds(only=None):
    """CPU seconds used so far by the execution JVMs (children running the kernel's JShell agent,
    aelab.kernel.remote.NoDelayRemoteAgent) of the kernels this test started (other sessions on the machine may run
    the same kernel); with `only`, by those of these pids that are still alive."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                cmd = f.read()
            if EXECUTION_AGENT not in cmd:
                continue
            with open("/proc/%s/stat" % pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if int(fields[1]) not in KERNEL_PIDS and int(pid) not in EXEC_PIDS:
                continue
            EXEC_PIDS.add(int(pid))
            if only is None or int(pid) in only:
                total += (int(fields[11]) + int(fields[12])) / tick
        except (OSError, ValueError, IndexError):
            continue
    return total


def private_ksm(tmp):
    spec = KernelSpecManager().get_kernel_spec("java")
    with open(os.path.join(spec.resource_dir, "kernel.json")) as f:
        kj = json.load(f)
    if "aelab.kernel.AelabKernel" not in kj["argv"]:
        sys.exit("the installed `java` kernelspec is not aelab's default kernel: run ./aelab kernel first")
    d = os.path.join(tmp, "kernels", "java")
    os.makedirs(d)
    with open(os.path.join(d, "kernel.json"), "w") as f:
        json.dump(kj, f)
    return KernelSpecManager(kernel_dirs=[os.path.join(tmp, "kernels")])


TRAIN_SETUP = """
var digits = aelab.data.Digits.load().subset(0, 1500).features();
var vae = aelab.model.Vae.builder(64, 2).hiddenSizes(128).bernoulliDecoder().build(aelab.core.Rng.seeded(1));
var trainer = new aelab.train.Trainer(aelab.train.TrainingConfig.adam(100000, 64, 3e-3, 3));
"""


def check_session(k):
    t_info = k.ready(limit(5) + 30)
    record("seconds_to_kernel_info", t_info)
    expect(t_info <= limit(5), "kernel_info within %.1f s of the start (%.2f s)" % (limit(5), t_info))
    st, outs, _ = k.run("int kept = 41;\n1 + 1", timeout=60)
    expect(st == "ok" and text_of(outs) == "2", "a value is shown as text/plain: %r" % text_of(outs))
    st, outs, _ = k.run("aelab.linalg.Gemm.kernelName()")
    expect(st == "ok" and text_of(outs) == "vector",
           "the execution JVM has the Vector API (scripts/kernel-jvm.options), so Gemm runs VectorGemm: %r" % outs)
    st, outs, _ = k.run('System.out.println("out 1"); System.err.println("err 1"); System.out.println("out 2");')
    expect(stream(outs, "stdout") == "out 1\nout 2\n" and stream(outs, "stderr") == "err 1\n",
           "stdout and stderr go to their own streams: %r" % outs)
    st, outs, _ = k.run('System.out.print("a\\rb"); System.out.flush(); Thread.sleep(200); '
                        'System.out.print("\\rc\\n");')
    expect(st == "ok" and stream(outs, "stdout") == "a\rb\rc\n",
           "a carriage return reaches the front end unchanged (a line rewritten in place): %r" % outs)
    st, outs, _ = k.run("var pdata = aelab.data.Digits.load().subset(0, 64).features();\n"
                        "new aelab.train.Trainer(aelab.train.TrainingConfig.adam(3, 32, 1e-3, 1))"
                        ".addListener(aelab.train.Progress.everyEpochs(1)).fit(aelab.model.Vae.builder(64, 2)"
                        ".bernoulliDecoder().build(aelab.core.Rng.seeded(1)), pdata);", timeout=120)
    text = stream(outs, "stdout")
    expect(st == "ok" and text.count("\r") == 2 and text.endswith("\n") and text.count("\n") == 1
           and re.match(r"epoch 1/3: .*\repoch 2/3: .*\repoch 3/3: loss [0-9.]+, ", text),
           "Progress.everyEpochs(1) reaches the front end as one line rewritten in place: %r" % text)
    chunks = [c["text"] for kd, c in outs if kd == "stream" and c["name"] == "stdout"]
    expect(all(c.startswith("\r") for c in chunks[1:]),
           "each of its stream messages starts with a carriage return (the classic notebook overwrites only text "
           "that arrives with it): %r" % chunks)
    st, outs, _ = k.run('"a<b & c\\nline 2"')
    data = [c["data"] for kd, c in outs if kd == "execute_result"]
    expect(data == [{"text/plain": "a<b & c\nline 2"}],
           "a multi-line string with < and & is plain text, not HTML: %r" % data)
    st, outs, _ = k.run("var img = new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB);"
                        "\nimg")
    data = [c["data"] for kd, c in outs if kd == "execute_result"]
    expect(len(data) == 1 and set(data[0]) == {"image/png"} and data[0]["image/png"].startswith("iVBORw0KGgo"),
           "an image is image/png with nothing run-dependent beside it: %r" % [list(d) for d in data])
    st, outs, _ = k.run('display("shown by display")')
    kinds = [kd for kd, c in outs]
    expect(kinds == ["display_data"] and text_of(outs, "display_data") == "shown by display",
           "display(x) shows x and leaves no display id as a result: %r" % outs)
    # a measurement, not a check: a one-line cell's round trip (JShell's protocol without Nagle's delay; it was
    # 0.6 s with JShell's default engine)
    for _ in range(20):
        st, outs, secs = k.run("kept + 1", timeout=60)
        record("seconds_per_one_line_cell", secs)
        expect(st == "ok" and text_of(outs) == "42", "a one-line cell answers (%r)" % text_of(outs))
    st, outs, _ = k.run("int broken = ;")
    expect(st == "error" and [kd for kd, c in outs] == ["error"], "a compile error is an error output")
    st, outs, _ = k.run("Integer.parseInt(\"x\")")
    err = [c for kd, c in outs if kd == "error"]
    expect(st == "error" and err and err[0]["ename"] == "java.lang.NumberFormatException",
           "a runtime exception is an error output named by its class: %r" % [e.get("ename") for e in err])

    st, outs, _ = k.run(TRAIN_SETUP, timeout=120)
    expect(st == "ok", "the training set-up runs (%s)" % outs[-1:])
    cases = [
        ("while (true) {}", "while(true){}", 1.0),
        ("while (true) { Thread.sleep(50); }", "Thread.sleep loop", 1.0),
        ("trainer.fit(vae, digits);", "aelab training (Trainer.fit)", 1.0),
        ("long n = 0; while (true) { try { Thread.sleep(10); n++; } catch (Throwable t) { } }",
         "a loop that catches Throwable", 5.0),
    ]
    for code, name, lim in cases:
        java_cpu_seconds()
        cell_jvms = {p for p in EXEC_PIDS if os.path.exists("/proc/%d" % p)}  # the JVM that runs the cell
        st, outs, secs = k.run(code, timeout=60, interrupt_after=2.0)
        record("interrupt_seconds " + name, secs)
        ename = [c.get("ename") for kd, c in outs if kd == "error"]
        expect(st == "error" and secs <= lim,
               "interrupt of %s: the cell ends within %.1f s (%.2f s, %s %s)" % (name, lim, secs, st, ename))
        # CPU of the JVM that ran the cell: when the kernel replaced it (a loop that ignores interrupt and stop), its
        # successor's start and replay of the earlier snippets is legitimate work and not counted (it took 0.54 s
        # of the second once the replay got fast)
        c0 = java_cpu_seconds(only=cell_jvms)
        time.sleep(1.0)
        burnt = java_cpu_seconds(only=cell_jvms) - c0
        expect(burnt < 0.5, "after the interrupt of %s nothing keeps running (%.2f CPU s in 1 s)" % (name, burnt))
        st, outs, secs = k.run("kept + 1", timeout=60)
        expect(st == "ok" and text_of(outs) == "42",
               "after the interrupt of %s the next cell shows its output and earlier variables (%r)"
               % (name, text_of(outs)))


def check_restart(k):
    mid_cell_code = "while (true) {}"
    k.kc.execute(mid_cell_code)
    time.sleep(1.5)
    t = time.monotonic()
    k.km.restart_kernel(now=False)
    try:
        k.kc.wait_for_ready(timeout=limit(10))
        st, outs, _ = k.run("1 + 2", timeout=max(0.1, limit(10) - (time.monotonic() - t)))
    except RuntimeError:
        st, outs = "timeout", []
    secs = time.monotonic() - t
    record("restart_during_busy_cell_seconds", secs)
    expect(st == "ok" and text_of(outs) == "3" and secs <= limit(10),
           "restart during a busy cell: ready and answering within %.1f s (%.2f s)" % (limit(10), secs))


def check_starts(ksm, n, load, tmp):
    busy = [subprocess.Popen(["yes"], stdout=subprocess.DEVNULL) for _ in range(load)]
    ok = 0
    worst = 0.0
    try:
        for i in range(n):
            k = Kernel(ksm, os.path.join(tmp, "starts.log"))
            try:
                k.ready(limit(10))
                st, outs, _ = k.run("1 + 1", timeout=max(0.1, limit(10) - (time.monotonic() - k.t0)))
                secs = time.monotonic() - k.t0
                java_cpu_seconds()  # records this kernel's execution JVM for the final check
                good = st == "ok" and text_of(outs) == "2" and secs <= limit(10)
            except RuntimeError:
                secs, good = time.monotonic() - k.t0, False
            finally:
                k.stop()
            record("seconds_to_first_result", secs)
            worst = max(worst, secs)
            ok += good
            if not good:
                print("start %d: not ready within %.1f s (%.2f s)" % (i + 1, limit(10), secs), flush=True)
            if (i + 1) % 20 == 0:
                xs = timings["seconds_to_first_result"]
                print("%d/%d starts: %d ready in time, median %.2f s, max %.2f s, load %.1f" % (
                    i + 1, n, ok, statistics.median(xs), max(xs), os.getloadavg()[0]), flush=True)
    finally:
        for b in busy:
            b.kill()
            b.wait()
    expect(ok == n, "%d of %d consecutive starts under %d busy processes ready within %.1f s (worst %.2f s)"
           % (ok, n, load, limit(10), worst))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--starts", type=int, default=20)
    p.add_argument("--load", type=int, default=2)
    p.add_argument("--json")
    a = p.parse_args()
    global STRETCH
    before = os.getloadavg()[0]
    STRETCH = max(1.0, before / (os.cpu_count() or 1))
    print("load average %.1f on %d cores before the test: time limits x %.2f" % (before, os.cpu_count(), STRETCH),
          flush=True)
    tmp = tempfile.mkdtemp(prefix="aelab-kernel-test-")
    t_all = time.monotonic()
    try:
        ksm = private_ksm(tmp)
        log = os.path.join(tmp, "kernel.log")
        busy = [subprocess.Popen(["yes"], stdout=subprocess.DEVNULL) for _ in range(a.load)]
        try:
            k = Kernel(ksm, log)
            try:
                check_session(k)
                check_restart(k)
            finally:
                k.stop()
        finally:
            for b in busy:
                b.kill()
                b.wait()
        check_starts(ksm, a.starts, a.load, tmp)
        time.sleep(2)
        alive = [p for p in EXEC_PIDS if os.path.exists("/proc/%d" % p)]
        expect(EXEC_PIDS and not alive, "none of the %d execution JVMs seen outlives its kernel (alive: %s)"
               % (len(EXEC_PIDS), alive))
        logs = ""
        for name in ("kernel.log", "starts.log"):
            path = os.path.join(tmp, name)
            if os.path.exists(path):
                with open(path, errors="replace") as f:
                    logs += f.read()
        expect(logs == "", "the kernel wrote nothing to the server's terminal (%d bytes: %r)" % (len(logs), logs[:300]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    summary = {k: {"n": len(v), "median": statistics.median(v), "max": max(v)} for k, v in timings.items()}
    summary["load_processes"] = a.load
    summary["loadavg_1min_before"] = before
    summary["time_limit_stretch"] = round(STRETCH, 2)
    summary["loadavg_1min_at_end"] = os.getloadavg()[0]
    summary["total_seconds"] = round(time.monotonic() - t_all, 1)
    summary["failures"] = failures
    print(json.dumps(summary, indent=2))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(summary, f, indent=2)
    print("kernel behaviour: %s" % ("all checks passed" if not failures else "%d check(s) FAILED" % len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Starts the `java` kernel N times in a row under CPU load and counts how many starts work.

  /usr/bin/python3 tools/kernel_start_stress.py -n 200              # the installed kernelspec (with the fix)
  /usr/bin/python3 tools/kernel_start_stress.py -n 40 --unfixed     # same, but rapaio's own main (no repair)

Each start must answer kernel_info and run a cell (`1 + 1`) within --timeout seconds (15); a start that does not is
killed and retried once ("OK after restart"); a second failure counts as failed. While it runs, --load busy
processes (`yes > /dev/null`, 2 by default: both cores here) compete for the CPU; they are killed at the end.
The kernelspec is copied once into a private directory, so a concurrent reinstall cannot change it mid-run.
Prints one line per failure or retry, then a summary (counts, start-up times, repairs seen in the kernel's log).
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

LAUNCHER = "aelab.kernel.ReliableKernelLauncher"
RAPAIO_MAIN = "org.rapaio.jupyter.kernel.MainApp"


def private_spec(tmp, unfixed):
    spec = KernelSpecManager().get_kernel_spec("java")
    with open(os.path.join(spec.resource_dir, "kernel.json")) as f:
        kj = json.load(f)
    if LAUNCHER not in kj["argv"]:
        sys.exit("the installed `java` kernelspec is not aelab's rapaio kernel: run ./aelab kernel first")
    if unfixed:
        kj["argv"][kj["argv"].index(LAUNCHER)] = RAPAIO_MAIN
    d = os.path.join(tmp, "kernels", "java")
    os.makedirs(d)
    with open(os.path.join(d, "kernel.json"), "w") as f:
        json.dump(kj, f)
    return KernelSpecManager(kernel_dirs=[os.path.join(tmp, "kernels")])


def one_start(ksm, timeout, log_path):
    """Returns (ok, seconds to kernel_info, seconds to the cell's reply, why)."""
    km = KernelManager(kernel_name="java", kernel_spec_manager=ksm)
    t0 = time.monotonic()
    with open(log_path, "ab") as log:
        km.start_kernel(stdout=log, stderr=log)
    kc = km.client()
    kc.start_channels()
    try:
        try:
            kc.wait_for_ready(timeout=timeout)
        except RuntimeError as e:
            return False, None, None, "no kernel_info reply: %s" % str(e).splitlines()[0]
        t_info = time.monotonic() - t0
        msg_id = kc.execute("1 + 1")
        while True:
            left = timeout - (time.monotonic() - t0)
            if left <= 0:
                return False, t_info, None, "cell did not finish"
            try:
                msg = kc.get_shell_msg(timeout=left)
            except Exception:
                return False, t_info, None, "cell did not finish"
            if msg["parent_header"].get("msg_id") == msg_id:
                break
        if msg["content"].get("status") != "ok":
            return False, t_info, None, "cell failed: %s" % msg["content"]
        return True, t_info, time.monotonic() - t0, ""
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("-n", type=int, default=200)
    p.add_argument("--timeout", type=float, default=15.0)
    p.add_argument("--load", type=int, default=2, help="busy processes while starting (default 2)")
    p.add_argument("--unfixed", action="store_true", help="run rapaio's MainApp directly (no repair)")
    p.add_argument("--json", help="also write the summary as JSON to this file")
    a = p.parse_args()
    tmp = tempfile.mkdtemp(prefix="aelab-stress-")
    busy = [subprocess.Popen(["yes"], stdout=subprocess.DEVNULL) for _ in range(a.load)]
    counts = {"ok_first_try": 0, "ok_after_restart": 0, "failed": 0}
    info_times, cell_times, repaired_starts, dead_loops = [], [], 0, 0
    t_all = time.monotonic()
    try:
        ksm = private_spec(tmp, a.unfixed)
        for i in range(a.n):
            outcome = None
            for attempt in (1, 2):
                log = os.path.join(tmp, "kernel-%d-%d.log" % (i, attempt))
                ok, t_info, t_cell, why = one_start(ksm, a.timeout, log)
                with open(log, errors="replace") as f:
                    text = f.read()
                if "aelab: restarted loop thread" in text:
                    repaired_starts += 1
                if not ok:
                    # a dead shell loop never logs "Handling message"; a merely slow kernel does, or has not bound yet
                    silent = "[ShellChannel]: Binding" in text and "[ShellChannel]: Handling message" not in text
                    why += "; shell loop handled no message (dead loop)" if silent else "; shell loop was alive"
                    dead_loops += silent
                if ok:
                    info_times.append(t_info)
                    cell_times.append(t_cell)
                    outcome = "ok_first_try" if attempt == 1 else "ok_after_restart"
                    break
                print("start %d attempt %d: %s" % (i + 1, attempt, why), file=sys.stderr, flush=True)
            counts[outcome or "failed"] += 1
            if (i + 1) % 20 == 0:
                print("%d/%d starts: %s" % (i + 1, a.n, counts), file=sys.stderr, flush=True)
    finally:
        for b in busy:
            b.kill()
            b.wait()
        shutil.rmtree(tmp, ignore_errors=True)

    def stats(xs):
        if not xs:
            return {}
        xs = sorted(xs)
        return {"median": round(statistics.median(xs), 2), "p95": round(xs[int(0.95 * (len(xs) - 1))], 2),
                "max": round(xs[-1], 2)}

    summary = {"mode": "unfixed (rapaio MainApp)" if a.unfixed else "fixed (" + LAUNCHER + ")", "starts": a.n,
               "load_processes": a.load, "timeout_s": a.timeout, **counts,
               "starts_where_the_launcher_repaired_a_loop": repaired_starts,
               "failed_attempts_with_a_dead_shell_loop": dead_loops,
               "seconds_to_kernel_info": stats(info_times), "seconds_to_first_cell_reply": stats(cell_times),
               "total_seconds": round(time.monotonic() - t_all, 1)}
    print(json.dumps(summary, indent=2))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(summary, f, indent=2)
    return 0 if counts["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

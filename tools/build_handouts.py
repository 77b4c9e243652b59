#!/usr/bin/python3
"""Executes every notebooks/*.ipynb in the `java` kernel and writes handouts (run with Debian's /usr/bin/python3).

  build_handouts.py [--out DIR] [--notebooks DIR] [--jobs N] [--keep-going] [--summary] [--no-site] [--no-pdf]
                    [NAME...]

For each notebook (sorted by name): one kernel, cells run in order through nbclient; the kernel start is retried when
the kernel does not answer kernel_info; any error output or failed aelab check stops the build with the notebook,
the cell (index and first source line) and the error named; exit status 1. Writes DIR/<name>.ipynb (executed,
normalised: no timing metadata, execution counts 1, 2, ... in code-cell order, no kernel version), then the course
site DIR/site/ and the PDF handouts DIR/site/pdf/ (tools/build_site.py; --no-site, --no-pdf leave them out) and
DIR/index.html (a link to the site). NAME... (e.g. 09-training-a-vae-on-digits, or 09): execute only these notebooks;
the other notebooks' executed copies already in DIR are kept, and the site and course PDF are rebuilt around them.
Progress on stderr.

Environment: AELAB_HANDOUTS_TIMEOUT per-cell timeout in seconds (default 600), AELAB_HANDOUTS_STARTUP_TIMEOUT
seconds to wait for kernel_info (default 30), AELAB_HANDOUTS_START_ATTEMPTS kernel starts per notebook (default 3),
AELAB_HANDOUTS_JOBS notebooks run at once (default: the number of cores plus one, so 3 on the 2-core development
machine; a kernel leaves its cores idle part of the time (its start, JShell's round trips), and a third notebook fills
them: the 13 notebooks took 169.6 s with 2 jobs and 145.3 s with 3, load 1-2.5; earlier, four small notebooks: 23.6 s
with 1 job -> 14.8 s with 2 at load 5). Outputs do not depend on the number of jobs or on the order
(checked with tools/compare_handouts.py).

Order: the longest notebooks start first (longest-processing-time scheduling, so that a long notebook does not start
last and run alone), by the seconds each took in the previous build into the same DIR (DIR/.notebook-seconds.json,
only a schedule: no output is taken from it); notebooks without a previous time start first, in reverse name order
(the later, MNIST notebooks train the most).
"""
import argparse
import concurrent.futures
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class NotebookFailed(Exception):
    pass


def env_number(name, default):
    value = os.environ.get(name, "")
    try:
        return float(value) if value else default
    except ValueError:
        sys.exit("aelab: %s must be a number of seconds, got '%s'" % (name, value))


def first_line(source):
    for line in source.splitlines():
        if line.strip():
            return line.strip()
    return "(empty cell)"


def error_text(outputs):
    """The error of a cell's outputs as plain text, or None."""
    for o in outputs:
        if o.get("output_type") == "error":
            tb = ANSI.sub("", "\n".join(o.get("traceback") or [])).strip()
            head = ("%s: %s" % (o.get("ename", "error"), o.get("evalue", ""))).strip().rstrip(":")
            # rapaio puts a compiler's message in the traceback and leaves evalue empty
            lines = [l for l in tb.splitlines() if l.strip()]
            detail = "\n".join("    " + l for l in lines[:12])
            return head + ("\n" + detail if detail and not o.get("evalue") or "\u2718" in tb else "")
    return None


IDENTITY_TEXT = re.compile(r"^[\w.$]+@[0-9a-f]+$")  # Object.toString(): IJava/JJava's text/plain beside an image
DISPLAY_ID = re.compile(r"^'?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'?$")


def portable_outputs(outputs):
    """The outputs as every kernel should give them: no run-dependent `Class@hash` text beside an image (IJava,
    JJava), no display id left as the result of a cell whose last expression was display(x) (IJava, JJava, rapaio)."""
    kept = []
    has_display = any(o.get("output_type") == "display_data" for o in outputs)
    for o in outputs:
        data = o.get("data")
        if data is not None:
            text = data.get("text/plain")
            if isinstance(text, list):
                text = "".join(text)
            if text is not None and any(k.startswith("image/") for k in data) and IDENTITY_TEXT.match(text):
                del data["text/plain"]
            if (o.get("output_type") == "execute_result" and has_display and set(data) == {"text/plain"}
                    and DISPLAY_ID.match(text or "")):
                continue
        kept.append(o)
    return kept


CARRIAGE_RETURN = re.compile(r".*\r(?=[^\n])")


def coalesce_streams(outputs):
    """Consecutive stream outputs of the same stream joined into one (the kernel's chunking of printed text varies
    from run to run), and in each line only what follows its last carriage return kept: the final state of a line
    rewritten in place (aelab.train.Progress), as Jupyter's front ends show it. The same rule as nbconvert's
    coalesce_streams, which nbsphinx applies again when it renders the site (tools/test_handout_streams.py checks
    the two agree)."""
    kept = []
    for o in outputs:
        if (kept and o.get("output_type") == "stream" and kept[-1].get("output_type") == "stream"
                and kept[-1].get("name") == o.get("name")):
            kept[-1]["text"] += o["text"]
        else:
            kept.append(o)
    for o in kept:
        if o.get("output_type") == "stream" and "\r" in o["text"]:
            o["text"] = CARRIAGE_RETURN.sub("", o["text"])
    return kept


def normalise(nb):
    """Removes what varies from run to run or kernel to kernel: timing metadata, kernel versions, raw counts,
    the run-dependent texts of portable_outputs."""
    info = dict(nb.metadata.get("language_info", {}))
    info.pop("version", None)
    nb.metadata["language_info"] = info
    for key in ("widgets", "papermill", "execution"):
        nb.metadata.pop(key, None)
    count = 0
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        count += 1
        cell.execution_count = count
        cell.outputs = portable_outputs(coalesce_streams(cell.outputs))
        for o in cell.outputs:
            if o.get("output_type") == "execute_result":
                o["execution_count"] = count
            o.get("metadata", {}).pop("execution", None)
    return nb


def title_of(nb, fallback):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                m = re.match(r"\s*#\s+(.*)", line)
                if m:
                    return m.group(1).strip()
    return fallback


def log_tail(log_path, lines=8):
    try:
        with open(log_path, errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return ""


def run_notebook(path, out_dir, timeout, startup_timeout, attempts, log_dir):
    """Executes one notebook; returns (name, title, code cells, seconds). Raises NotebookFailed."""
    name = os.path.splitext(os.path.basename(path))[0]
    t0 = time.monotonic()
    last = None
    log_path = os.path.join(log_dir, name + ".kernel.log")
    for attempt in range(1, attempts + 1):
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, kernel_name="java", timeout=timeout, startup_timeout=startup_timeout,
                                record_timing=False, allow_errors=True, shutdown_kernel="graceful",
                                resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
        with contextlib.ExitStack() as stack:
            log = stack.enter_context(open(log_path, "ab"))
            try:
                stack.enter_context(client.setup_kernel(stdout=log, stderr=log))
            except Exception as e:  # the kernel did not start or did not answer kernel_info in time
                last = e
                print("aelab: %s: kernel start %d/%d failed (%s)%s" % (
                    name, attempt, attempts, str(e).splitlines()[0] if str(e) else type(e).__name__,
                    ", retrying" if attempt < attempts else ""), file=sys.stderr, flush=True)
                continue
            info = client.wait_for_reply(client.kc.kernel_info())
            if info is not None and "language_info" in info["content"]:
                nb.metadata["language_info"] = info["content"]["language_info"]
            executed = 0
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code" or not cell.source.strip():
                    continue
                where = "%s, cell %d (%s)" % (path, index, first_line(cell.source))
                try:
                    client.execute_cell(cell, index, execution_count=executed + 1)
                except CellTimeoutError:
                    raise NotebookFailed("%s: timed out after %g s (AELAB_HANDOUTS_TIMEOUT)" % (where, timeout))
                except DeadKernelError:
                    raise NotebookFailed("%s: the kernel died (System.exit or a crash); kernel log %s ends with:\n%s"
                                         % (where, log_path, log_tail(log_path)))
                except CellExecutionError as e:
                    raise NotebookFailed("%s: %s" % (where, error_text(cell.outputs) or e))
                executed += 1
                err = error_text(cell.outputs)
                if err:
                    raise NotebookFailed("%s: %s" % (where, err))
        normalise(nb)
        nbformat.write(nb, os.path.join(out_dir, name + ".ipynb"))
        return name, title_of(nb, name), executed, time.monotonic() - t0
    raise NotebookFailed("%s: the java kernel did not start in %d attempts (last error: %s); kernel log %s ends with:\n%s"
                         % (path, attempts, last, log_path, log_tail(log_path)))


def run_one(args):
    try:
        name, title, cells, seconds = run_notebook(*args)
    except NotebookFailed as e:
        return args[0], None, str(e)
    print("aelab: %-40s %3d code cells %6.1f s" % (name, cells, seconds), file=sys.stderr, flush=True)
    return args[0], (name, title, seconds), None


SECONDS_FILE = ".notebook-seconds.json"


def previous_seconds(out_dir):
    """{notebook name: seconds its execution took in the previous build into out_dir}; {} when unknown."""
    try:
        with open(os.path.join(out_dir, SECONDS_FILE)) as f:
            known = json.load(f)
        return {k: float(v) for k, v in known.items()}
    except (OSError, ValueError, AttributeError, TypeError):
        return {}


def longest_first(paths, out_dir):
    """The notebooks in the order they should start: unknown ones first (reverse name order), then by the previous
    build's seconds, longest first."""
    known = previous_seconds(out_dir)
    def key(p_):
        name = os.path.splitext(os.path.basename(p_))[0]
        return (name in known, -known.get(name, 0.0))
    return sorted(sorted(paths, reverse=True), key=key)


def remember_seconds(out_dir, done):
    """Adds this build's execution seconds (values of `done`: (name, title, seconds)) to the file."""
    known = previous_seconds(out_dir)
    for name, _, seconds in done.values():
        known[name] = round(seconds, 1)
    try:
        with open(os.path.join(out_dir, SECONDS_FILE), "w") as f:
            json.dump(known, f, indent=1, sort_keys=True)
    except OSError:
        pass  # only a schedule


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default=os.path.join(root, "target", "handouts"))
    p.add_argument("--notebooks", default=os.path.join(root, "notebooks"))
    p.add_argument("--jobs", type=int,
                   default=int(os.environ.get("AELAB_HANDOUTS_JOBS", (os.cpu_count() or 1) + 1)),
                   help="notebooks executed at once, one kernel each (default: cores + 1, or AELAB_HANDOUTS_JOBS)")
    p.add_argument("--keep-going", action="store_true", help="after a failed notebook, run the others anyway")
    p.add_argument("--summary", action="store_true", help="end with the line 'notebooks: N passed, M failed'")
    p.add_argument("--no-site", action="store_true", help="executed notebooks only: no site, no PDFs")
    p.add_argument("--no-pdf", action="store_true", help="no PDF handouts")
    p.add_argument("names", nargs="*", metavar="NAME", help="execute only these notebooks (name or number prefix)")
    a = p.parse_args()
    timeout = env_number("AELAB_HANDOUTS_TIMEOUT", 600)
    startup = env_number("AELAB_HANDOUTS_STARTUP_TIMEOUT", 30)
    attempts = int(env_number("AELAB_HANDOUTS_START_ATTEMPTS", 3))
    paths = sorted(os.path.join(a.notebooks, f) for f in os.listdir(a.notebooks) if f.endswith(".ipynb"))
    if not paths:
        sys.exit("aelab: no notebooks in %s" % a.notebooks)
    all_names = [os.path.splitext(os.path.basename(p_))[0] for p_ in paths]
    if a.names:
        chosen = []
        for want in a.names:
            stem = os.path.splitext(os.path.basename(want))[0]
            hits = [p_ for p_, n in zip(paths, all_names) if n == stem or n.startswith(stem + "-")]
            if len(hits) != 1:
                sys.exit("aelab: '%s' names %s; notebooks: %s" % (
                    want, "no notebook" if not hits else "%d notebooks" % len(hits), ", ".join(all_names)))
            chosen += [h for h in hits if h not in chosen]
        paths = chosen
    os.makedirs(a.out, exist_ok=True)
    log_dir = tempfile.mkdtemp(prefix="aelab-handouts-logs-")
    t0 = time.monotonic()
    done, failures = {}, []
    jobs = [(p_, a.out, timeout, startup, attempts, log_dir) for p_ in longest_first(paths, a.out)]
    if a.jobs <= 1:
        results = (run_one(j) for j in jobs)
        for path, entry, error in results:
            if error:
                failures.append(error)
                print("aelab: FAILED %s" % error, file=sys.stderr, flush=True)
                if not a.keep_going:
                    break
            else:
                done[path] = entry
    else:
        with concurrent.futures.ProcessPoolExecutor(max_workers=a.jobs) as pool:
            futures = [pool.submit(run_one, j) for j in jobs]
            for fut in concurrent.futures.as_completed(futures):
                path, entry, error = fut.result()
                if error:
                    failures.append(error)
                    print("aelab: FAILED %s" % error, file=sys.stderr, flush=True)
                    if not a.keep_going:
                        for f in futures:
                            f.cancel()
                else:
                    done[path] = entry
    seconds = time.monotonic() - t0
    remember_seconds(a.out, done)
    site_failed = False
    if not failures:
        shutil.rmtree(log_dir, ignore_errors=True)
        for f in os.listdir(a.out):  # handouts of notebooks that no longer exist (and HTML of the older layout)
            stem, ext = os.path.splitext(f)
            if (ext == ".ipynb" and stem not in all_names) or (ext == ".html" and stem != "index"):
                os.remove(os.path.join(a.out, f))
        shutil.rmtree(os.path.join(a.out, "mathjax"), ignore_errors=True)
        print("aelab: %d notebooks executed in %.1f s" % (len(paths), seconds), file=sys.stderr, flush=True)
        missing = [n for n in all_names if not os.path.isfile(os.path.join(a.out, n + ".ipynb"))]
        if missing:
            print("aelab: not executed yet, so not in the site: %s (./aelab handouts builds all)" % ", ".join(missing),
                  file=sys.stderr)
        if not a.no_site:
            site = [sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "build_site.py"),
                    "--handouts", a.out] + (["--no-pdf"] if a.no_pdf else [])
            if a.names:
                site += [os.path.splitext(os.path.basename(p_))[0] for p_ in paths]
            site_failed = subprocess.run(site).returncode != 0
    else:
        print("aelab: handouts NOT built: %d notebook(s) failed (%.1f s); kernel logs in %s" % (
            len(failures), seconds, log_dir), file=sys.stderr)
    if a.summary:
        print("notebooks: %d passed, %d failed" % (len(done), len(failures) + (0 if a.keep_going else
                                                                             len(paths) - len(done) - len(failures))))
    return 1 if failures or site_failed else 0


if __name__ == "__main__":
    sys.exit(main())

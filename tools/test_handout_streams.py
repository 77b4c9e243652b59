#!/usr/bin/python3
"""Printed text in the executed handouts (issue 13, part 4: progress as one line updated in place).

  /usr/bin/python3 tools/test_handout_streams.py            the coalescing rule alone (no kernel)
  /usr/bin/python3 tools/test_handout_streams.py DIR        ... and the executed handouts DIR/*.ipynb

Without DIR: build_handouts.coalesce_streams, on outputs chunked as a kernel may send them (a chunk boundary
anywhere, even between a carriage return and the text after it; stderr interleaved; a display between two stdout
runs), gives what nbconvert's own coalesce_streams gives (the rule nbsphinx applies when it renders the site), and
the bytes aelab.train.Progress writes collapse to their last report, also in the classic notebook's own
carriage-return code (its utils.js, run by node).
With DIR: no stored stream output holds a carriage return, and in every code cell that trains with
`Progress.everyEpochs(` the stored stdout is one stream output whose progress is one line, the last epoch's
(`epoch N/N: ...`). Exit status 1 on a failed expectation."""
import copy
import glob
import os
import json
import re
import shutil
import subprocess
import sys

import nbformat
from nbconvert.preprocessors import coalesce_streams as nbconvert_coalesce

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build_handouts  # noqa: E402

failures = []


def expect(cond, what):
    print(("ok: " if cond else "FAILED: ") + what, flush=True)
    if not cond:
        failures.append(what)


def stream(name, text):
    return nbformat.from_dict({"output_type": "stream", "name": name, "text": text})


def by_nbconvert(outputs):
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell("x"))
    nb.cells[0].outputs = copy.deepcopy(outputs)
    nb, _ = nbconvert_coalesce(nb, {})
    return [dict(o) for o in nb.cells[0].outputs]


def check_rule():
    progress = ("epoch  5/12: loss 100.5000, kl 2.2500\repoch 10/12: loss 9.5000, kl 0.1250  "
                "\repoch 12/12: loss 8.7500, kl 0.1000  \n")
    shown = nbformat.from_dict({"output_type": "display_data", "data": {"text/plain": "x"}, "metadata": {}})
    cases = {
        "Progress's bytes in one chunk": [stream("stdout", progress)],
        "... cut after each carriage return": [stream("stdout", p) for p in re.split(r"(?<=\r)", progress)],
        "... cut before each carriage return": [stream("stdout", p) for p in re.split(r"(?=\r)", progress)],
        "... one character per chunk": [stream("stdout", c) for c in progress],
        "text before, stderr between, a display between two stdout runs": [
            stream("stdout", "data: 1500 rows\nepoch 1/2: loss 3.0"), stream("stderr", "warning\n"),
            stream("stdout", "\repoch 2/2: loss 2.5\n"), shown, stream("stdout", "a\rb\rc\n")],
        "a carriage return before a line feed and at the very end stay (nbconvert keeps them)": [
            stream("stdout", "done\r\nlast\r")],
    }
    for name, outputs in cases.items():
        mine = [dict(o) for o in build_handouts.coalesce_streams(copy.deepcopy(outputs))]
        theirs = by_nbconvert(outputs)
        expect(mine == theirs, "coalesce_streams agrees with nbconvert's: %s%s" % (
            name, "" if mine == theirs else " (%r vs %r)" % (mine, theirs)))
    got = build_handouts.coalesce_streams([stream("stdout", c) for c in progress])
    last = "epoch 12/12: loss 8.7500, kl 0.1000  \n"
    expect(len(got) == 1 and got[0]["text"] == last,
           "Progress's chunked bytes become one output holding the last report: %r" % got)
    check_classic_notebook(progress, last)


NOTEBOOK_UTILS = "/usr/lib/python3/dist-packages/notebook/static/base/js/utils.js"  # Debian's jupyter-notebook


def check_classic_notebook(progress, last):
    """The classic notebook's own fixOverwrittenChars (run by node), applied as its append_stream does (each chunk
    appended to the shown text, then fixed), shows Progress's bytes, chunked as Progress writes them, as the last
    report alone; the same bytes without
    the padding would leave characters of a longer earlier report behind (why Progress pads)."""
    if not (os.path.isfile(NOTEBOOK_UTILS) and shutil.which("node")):
        expect(False, "the classic notebook's utils.js and node are installed (scripts/install-system-deps.sh)")
        return
    source = open(NOTEBOOK_UTILS).read()
    fns = [re.search(r"    function %s\(txt\) \{.*?\n    \}\n" % n, source, re.S) for n in
           ("fixCarriageReturn", "fixBackspace", "fixOverwrittenChars")]
    expect(all(fns), "utils.js defines fixCarriageReturn, fixBackspace, fixOverwrittenChars")
    if not all(fns):
        return
    unpadded = re.sub(r" +(?=\r|\n)", "", progress)
    script = "".join(f.group(0) for f in fns) + (
        "const shown = (chunks) => chunks.reduce((t, c) => fixOverwrittenChars(t + c), '');\n"
        "const input = JSON.parse(require('fs').readFileSync(0, 'utf-8'));\n"
        "console.log(JSON.stringify(input.map(shown)));\n")
    # as Progress writes: one stream message per report, each starting with its carriage return (split any finer,
    # the classic notebook appends the rest of a report at the end of the line: see ProgressTest)
    chunked = [[progress], re.split(r"(?=\r)", progress), re.split(r"(?=\r)", progress)[:1] + [progress[
        progress.index("\r"):]], re.split(r"(?=\r)", unpadded)]
    r = subprocess.run(["node", "-e", script], input=json.dumps(chunked), capture_output=True, text=True)
    got = json.loads(r.stdout) if r.returncode == 0 else [r.stderr]
    expect(got[:3] == [last] * 3, "the classic notebook shows Progress's line as its last report: %r" % got[:3])
    expect(len(got) == 4 and got[3] != last.replace("  \n", "\n"),
           "... and would not without the padding: %r" % got[3:])


PROGRESS_LINE = re.compile(r"^epoch +(\d+)/(\d+): ")


def check_handouts(directory):
    paths = sorted(glob.glob(os.path.join(directory, "*.ipynb")))
    expect(paths, "%s holds executed handouts" % directory)
    training_cells = 0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            where = "%s, cell %d" % (os.path.basename(path), index)
            streams = [o for o in cell.outputs if o.output_type == "stream"]
            returns = [o.text for o in streams if "\r" in o.text]
            if returns:
                expect(False, "%s: no carriage return left in the stored text (%r)" % (where, returns[0][:200]))
            if "Progress.everyEpochs(" not in cell.source:
                continue
            training_cells += 1
            stdout = [o for o in streams if o.name == "stdout"]
            lines = [l for o in stdout for l in o.text.splitlines() if PROGRESS_LINE.match(l)]
            last = [PROGRESS_LINE.match(l).groups() for l in lines]
            # one line per training run (a cell may train several models, each with its own listener: notebook
            # 14 trains a DAE and a plain AE in one cell), each the last epoch's: no earlier report is left over
            listeners = cell.source.count("Progress.everyEpochs(")
            expect(len(stdout) == 1 and len(lines) >= listeners and all(e == n for e, n in last),
                   "%s trains with Progress: one stdout output, one progress line per training run, each the last "
                   "epoch's (%d outputs, %d listeners, progress lines %r)" % (where, len(stdout), listeners, lines))
    expect(training_cells > 0, "the handouts have training cells with Progress (%d)" % training_cells)


def main():
    check_rule()
    if len(sys.argv) > 1:
        check_handouts(sys.argv[1])
    print("handout streams: %s" % ("all checks passed" if not failures else "%d check(s) FAILED" % len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

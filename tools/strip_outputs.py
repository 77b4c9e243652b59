#!/usr/bin/python3
"""Removes outputs, execution counts and execution timing metadata from notebooks, in place.

  /usr/bin/python3 tools/strip_outputs.py [--check] [PATH...]

PATHs are .ipynb files or folders (searched recursively); default: notebooks/, exercises/ and solutions/ of this
repository. --check changes nothing and exits 1 when a notebook would change (the same rule that
aelab.kernel.CommittedNotebooksTest enforces in the Maven build). Writes the file in nbformat's layout (indent 1,
sorted keys, UTF-8, trailing newline), so a clean notebook is left byte-identical.
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLDERS = ("notebooks", "exercises", "solutions")


def notebooks(paths):
    for p in paths:
        if os.path.isdir(p):
            for d, dirs, files in sorted(os.walk(p)):
                dirs[:] = sorted(x for x in dirs if x != ".ipynb_checkpoints")
                for f in sorted(files):
                    if f.endswith(".ipynb"):
                        yield os.path.join(d, f)
        elif p.endswith(".ipynb"):
            yield p


def strip(nb):
    for cell in nb.get("cells", []):
        cell.get("metadata", {}).pop("execution", None)
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    return nb


def main(argv):
    check = "--check" in argv
    paths = [a for a in argv if a != "--check"] or [os.path.join(ROOT, f) for f in FOLDERS]
    changed = []
    for path in notebooks(paths):
        with open(path, encoding="utf-8") as f:
            before = f.read()
        after = json.dumps(strip(json.loads(before)), sort_keys=True, indent=1, ensure_ascii=False) + "\n"
        if json.loads(after) != json.loads(before) or (not check and after != before):
            if json.loads(after) != json.loads(before):
                changed.append(path)
            if not check:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(after)
    for path in changed:
        print(("has outputs: " if check else "stripped: ") + os.path.relpath(path), file=sys.stderr)
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

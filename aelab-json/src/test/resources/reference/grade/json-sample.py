# Reference for aelab.json.JsonTest: Python's json module writes json-sample.json the way Jupyter saves
# notebooks (sort_keys=True, indent=1, ensure_ascii=False) plus a final newline.
# Run with Debian's interpreter: /usr/bin/python3 json-sample.py
import json, pathlib
here = pathlib.Path(__file__).parent
value = json.loads((here / "json-sample.json").read_text(encoding="utf-8"))
(here / "json-sample.expected.json").write_text(
    json.dumps(value, sort_keys=True, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

#!/usr/bin/python3
"""Starts `scripts/lab.sh` (the notebook server of `./aelab lab`) on a free loopback port and checks what a student
sees: the file tree's root lists exactly notebooks/ and exercises/ (no solutions/, no repository root), a lecture
notebook and an exercise open through the server, and every shipped notebook carries a valid trust signature in
this user's signature database. Stops the server. Ends with "lab: N passed, M failed".
"""
import glob
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import nbformat
from nbformat.sign import NotebookNotary

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path):
    with urllib.request.urlopen("http://127.0.0.1:%d%s?token=aelab-test" % (port, path), timeout=10) as r:
        return json.load(r)


def main():
    # remove this user's signatures of the shipped notebooks first, so that only lab.sh can have signed them again
    notary = NotebookNotary()
    shipped = sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb")) +
                     glob.glob(os.path.join(ROOT, "exercises", "*.ipynb")))
    for p in shipped:
        notary.unsign(nbformat.read(p, as_version=4))
    port = free_port()
    server = subprocess.Popen(["bash", os.path.join(ROOT, "scripts", "lab.sh"), "--port", str(port),
                               "--NotebookApp.token=aelab-test"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    results = []
    try:
        root = None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and root is None:
            try:
                root = get(port, "/api/contents")
            except OSError:
                time.sleep(1)
        if root is None:
            print("FAIL the notebook server did not answer on port %d within 120 s" % port)
            print("lab: 0 passed, 1 failed")
            return 1
        names = sorted(item["name"] for item in root["content"])
        results.append(("root lists notebooks/ and exercises/ only: %s" % names, names == ["exercises", "notebooks"]))
        lecture = sorted(os.path.basename(p) for p in glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb")))[0]
        exercise = sorted(os.path.basename(p) for p in glob.glob(os.path.join(ROOT, "exercises", "*.ipynb")))[0]
        for path in ("/api/contents/notebooks/" + lecture, "/api/contents/exercises/" + exercise):
            try:
                nb = get(port, path)
                results.append(("opens %s" % path, nb.get("type") == "notebook"))
            except OSError as e:
                results.append(("opens %s (%s)" % (path, e), False))
        try:
            get(port, "/api/contents/solutions")
            results.append(("solutions/ is not reachable", False))
        except OSError:
            results.append(("solutions/ is not reachable", True))
        unsigned = [os.path.relpath(p, ROOT) for p in shipped
                    if not notary.check_signature(nbformat.read(p, as_version=4))]
        results.append(("%d shipped notebooks signed as trusted (unsigned: %s)" % (len(shipped), unsigned or "none"),
                        not unsigned))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    failed = 0
    for what, ok in results:
        print("%s %s" % ("ok  " if ok else "FAIL", what))
        failed += not ok
    print("lab: %d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

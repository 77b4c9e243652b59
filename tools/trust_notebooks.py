#!/usr/bin/python3
"""Signs notebooks as trusted for the current user (what `jupyter trust` does; Debian's Jupyter has no `trust`
subcommand): the signature goes into the user's Jupyter signature database (nbsignatures.db under the Jupyter data
dir), the one the notebook server checks, so the project's notebooks do not open as "Not Trusted".

  trust_notebooks.py NOTEBOOK...
"""
import sys

import nbformat
from nbformat.sign import NotebookNotary


def main():
    notary = NotebookNotary()
    for path in sys.argv[1:]:
        nb = nbformat.read(path, as_version=4)
        if not notary.check_signature(nb):
            notary.sign(nb)
    return 0


if __name__ == "__main__":
    sys.exit(main())

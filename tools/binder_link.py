#!/usr/bin/python3
"""The Binder launch link of this checkout, defined in one place (used by `./aelab binder-link` and the README):

    https://mybinder.org/v2/gh/OWNER/REPO/HEAD?urlpath=tree/notebooks

OWNER/REPO is, in this order: the environment variable AELAB_BINDER_REPO ("owner/name"), else the GitHub path of
the `origin` remote (https://github.com/OWNER/REPO(.git), git@github.com:OWNER/REPO(.git) or
ssh://git@github.com/OWNER/REPO(.git)). `urlpath=tree/notebooks` opens the classic Notebook's file view (the server
the Dockerfile's image runs) on notebooks/. Exit status 1, with the reason, when neither gives a repository.
`binder_link.py --markdown` prints the README's Binder badge with that link instead; `binder_link.py --self-test`
checks the parsing on fixed inputs (run by scripts/test-notebooks.sh). tools/build_site.py puts the same link on
the course site's start page (link_of_checkout)."""
import os
import re
import subprocess
import sys

TEMPLATE = "https://mybinder.org/v2/gh/%s/HEAD?urlpath=tree/notebooks"
BADGE = "[![Launch on Binder](https://mybinder.org/badge_logo.svg)](%s)"
NAME = r"[A-Za-z0-9_.-]+"
GITHUB = re.compile(r"^(?:https://github\.com/|git@github\.com:|ssh://git@github\.com/)(%s)/(%s?)(?:\.git)?/?$"
                    % (NAME, NAME[:-1] + "+"))
OWNER_REPO = re.compile(r"^(%s)/(%s)$" % (NAME, NAME))


def repo_from_remote(url):
    """OWNER/REPO of a GitHub remote URL, or None for any other URL (a local path, another host)."""
    m = GITHUB.match(url.strip())
    if not m:
        return None
    repo = m.group(2)[:-4] if m.group(2).endswith(".git") else m.group(2)
    return "%s/%s" % (m.group(1), repo)


def repo(env, remote):
    """The configured repository: env (AELAB_BINDER_REPO) first, else the remote's GitHub path; None if neither."""
    if env:
        if not OWNER_REPO.match(env):
            raise ValueError("AELAB_BINDER_REPO must be owner/name, got %r" % env)
        return env
    return repo_from_remote(remote) if remote else None


def self_test():
    cases = [
        ((None, "https://github.com/octo-org/aelab.git"), "octo-org/aelab"),
        ((None, "https://github.com/octo-org/aelab"), "octo-org/aelab"),
        ((None, "git@github.com:someone/ae.lab.git"), "someone/ae.lab"),
        ((None, "ssh://git@github.com/someone/aelab.git"), "someone/aelab"),
        ((None, "/work/main"), None),
        ((None, "https://gitlab.com/someone/aelab.git"), None),
        ((None, "https://github.com/someone"), None),
        (("teacher/course", "https://github.com/octo-org/aelab.git"), "teacher/course"),
        ((None, None), None),
    ]
    failed = 0
    for (env, remote), want in cases:
        got = repo(env, remote)
        if got != want:
            failed += 1
            print("binder_link: repo(%r, %r) = %r, expected %r" % (env, remote, got, want), file=sys.stderr)
    try:
        repo("not a repo", None)
        failed += 1
        print("binder_link: a malformed AELAB_BINDER_REPO was accepted", file=sys.stderr)
    except ValueError:
        pass
    print("binder_link: %d passed, %d failed" % (len(cases) + 1 - failed, failed))
    return 1 if failed else 0


def link_of_checkout(environ=os.environ):
    """(link, None) for this checkout, or (None, why not)."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    remote = subprocess.run(["git", "-C", root, "remote", "get-url", "origin"], capture_output=True,
                            text=True).stdout.strip() or None
    try:
        r = repo(environ.get("AELAB_BINDER_REPO"), remote)
    except ValueError as e:
        return None, str(e)
    if r is None:
        return None, ("no Binder repository: the origin remote (%s) is not on GitHub; set AELAB_BINDER_REPO=owner/name"
                      % (remote or "none"))
    return TEMPLATE % r, None


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    if sys.argv[1:] not in ([], ["--markdown"]):
        print("aelab: binder-link [--markdown]", file=sys.stderr)
        return 2
    url, why = link_of_checkout()
    if url is None:
        print("aelab: %s" % why, file=sys.stderr)
        return 1
    print(BADGE % url if sys.argv[1:] == ["--markdown"] else url)
    return 0


if __name__ == "__main__":
    sys.exit(main())

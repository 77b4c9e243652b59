#!/usr/bin/python3
"""Builds the Binder image without a Docker engine: the Dockerfile's instructions are carried out in order in a
throwaway Debian bookworm root made by debootstrap, then the image's CMD is started and asked for /tree.

  scripts/test-dockerfile.sh [--base DIR] [--layers DIR] [--no-cache] [--keep]   (as root; installs debootstrap)

- FROM must be debian:bookworm: the base is `debootstrap --variant=minbase bookworm`, made once into --base
  (default ~/.cache/aelab/dockerfile/base, outside the checkout so that fresh clones share it; 3 attempts) and
  copied afresh for every run.
- Layer cache, as Docker's: the root after the instructions before the first `COPY .` (the user, the Debian
  packages of scripts/install-system-deps.sh, IJava's zip) is kept in --layers (default
  ~/.cache/aelab/dockerfile/layers), keyed on those instructions' text, the content of the files they copy and this
  test's own set-up of the root; a later run with the same key starts from it and runs only `COPY .` and what
  follows (./aelab build with an empty ~/.m2, as in a real image build, and ./aelab kernel). A changed Dockerfile
  line or install script is a miss: every instruction runs and the cache is replaced. --no-cache: run everything.
  Timings (2-core machine shared with other work, nice 19): every step run, load 20-30: debootstrap 381 s, the
  apt step 506 s (45 s download, the rest dpkg), ./aelab build + kernel 280 s, the CMD answering /tree 18 s;
  at load 13-18: the apt step 428 s, caching its root (1 GB) 10 s, build + kernel 166 s, /tree 10 s; from the
  cache, load 14-17: 291 s in all (restore 17 s, build + kernel 199 s, /tree 13 s, removing the root ~60 s); at
  load 6-8: 128 s in all; a miss with the debootstrap root already made, load 4-7: 366 s in all.
- apt in the root retries failed downloads (Acquire::Retries 5, written by this test before the first RUN).
- ARG/ENV/USER/WORKDIR are applied as Docker does (${VAR} substitution, ENV for every later RUN, Docker's default
  PATH); RUN runs `/bin/sh -c` inside the root with bubblewrap (bind-mounted root, /proc, /dev, the host's network
  as `docker build` has), as root with all capabilities or, after USER, as that user (setpriv with its groups).
- COPY/ADD take sources from the build context: the repository's tracked files (what a fresh clone has, and what
  .dockerignore leaves: no target/, no .git); --chown is applied. ADD of IJava's release URL, which cannot be
  downloaded here, gets a zip built to IJava 1.3.0's release layout with stand-in jars (tools/ijava_layout.py).
- Then, in the built root, as the image's user: the `java` kernelspec is IJava's with IJAVA_CLASSPATH = the
  aelab-core jar and its lib/ (the paths inside the image), the home directory belongs to the user, and the CMD
  (`./aelab lab --ip 0.0.0.0 --port 8888`) serves the classic notebook's /tree within 120 s.
The host's local CAs (/usr/local/share/ca-certificates: this machine's egress proxy) are copied into the root first.
What stays unverified here: IJava itself (the stand-in jar cannot run a kernel) and Docker's own layer semantics.
Exit status 1 on the first failed expectation. `test_dockerfile.py --self-test` checks the cache key alone (no root).
"""
import argparse
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
from ijava_layout import write_ijava_zip  # noqa: E402

IJAVA_URL = "https://github.com/SpencerPark/IJava/releases/download/v1.3.0/ijava-1.3.0.zip"
DOCKER_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
CACHE = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "aelab", "dockerfile")
# apt in the root retries a failed download (a network hiccup) instead of failing the RUN; test set-up, like the CAs
APT_RETRIES = 'Acquire::Retries "5";\n'



def expect(cond, what):
    if not cond:
        print("FAILED: " + what, file=sys.stderr)
        sys.exit(1)
    print("ok: " + what, flush=True)


def instructions(text):
    """(keyword, argument) pairs, continuation lines joined, comments dropped."""
    out, cur = [], ""
    for raw in text.split("\n"):
        line = raw.strip()
        if line.startswith("#") or (not line and not cur):
            continue
        if line.endswith("\\"):
            cur += line[:-1] + " "
            continue
        cur += line
        kw, _, arg = cur.strip().partition(" ")
        out.append((kw.upper(), arg.strip()))
        cur = ""
    return out


def substitute(text, env):
    return re.sub(r"\$\{(\w+)\}|\$(\w+)", lambda m: env.get(m.group(1) or m.group(2), ""), text)


class Image:
    def __init__(self, root, context):
        self.root, self.context = root, context
        self.args, self.env = {}, {"PATH": DOCKER_PATH}
        self.user, self.workdir = "root", "/"

    def vars(self):
        return dict(self.args, **self.env)

    def ids(self, user):
        """uid, gid of a user name or number in the image's /etc/passwd."""
        if user.split(":")[0].isdigit():
            uid = int(user.split(":")[0])
            return uid, int(user.split(":")[1]) if ":" in user else uid
        with open(os.path.join(self.root, "etc/passwd")) as f:
            for line in f:
                parts = line.split(":")
                if parts[0] == user:
                    return int(parts[2]), int(parts[3])
        raise SystemExit("FAILED: USER %s is not in the image's /etc/passwd" % user)

    def command(self, argv, user=None, env=None):
        user = user or self.user
        cmd = ["bwrap", "--bind", self.root, "/", "--proc", "/proc", "--dev", "/dev", "--cap-add", "ALL",
               "--die-with-parent", "--chdir", self.workdir, "--clearenv"]
        # ARG values are environment variables of the RUN commands, as in docker build
        for k, v in dict(self.vars(), **(env or {})).items():
            cmd += ["--setenv", k, v]
        if user != "root":
            uid, gid = self.ids(user)
            cmd += ["setpriv", "--reuid", str(uid), "--regid", str(gid), "--init-groups" if not user.isdigit()
                    else "--clear-groups", "--inh-caps=-all", "--bounding-set=-all"]
        return cmd + argv

    def run(self, shell):
        print("RUN (%s in %s) %s" % (self.user, self.workdir, shell), flush=True)
        r = subprocess.run(self.command(["/bin/sh", "-c", shell]))
        expect(r.returncode == 0, "RUN %s exits 0" % shell)

    def copy(self, arg, add):
        words = shlex.split(substitute(arg, self.vars()))
        chown = None
        while words[0].startswith("--"):
            opt = words.pop(0)
            if opt.startswith("--chown="):
                chown = opt.split("=", 1)[1]
        *sources, dest = words
        if not dest.startswith("/"):
            dest = os.path.join(self.workdir, dest)
        target = os.path.join(self.root, dest.lstrip("/"))
        for src in sources:
            if add and re.match(r"https?://", src):
                expect(src == IJAVA_URL, "the only download is IJava's release zip (%s)" % src)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                write_ijava_zip(target)
                copied = [target]
            elif src == ".":
                shutil.copytree(self.context, target, symlinks=True, dirs_exist_ok=True)
                copied = [target]
            else:
                path = os.path.join(self.context, src)
                if dest.endswith("/"):
                    os.makedirs(target, exist_ok=True)
                    out = os.path.join(target, os.path.basename(src))
                else:
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    out = target
                shutil.copy2(path, out)
                copied = [out]
            if chown:
                uid, gid = self.ids(chown)
                for c in copied:
                    chown_tree(c, uid, gid)
        print("%s %s -> %s" % ("ADD" if add else "COPY", " ".join(sources), dest), flush=True)


def chown_tree(path, uid, gid):
    os.lchown(path, uid, gid)
    if os.path.isdir(path) and not os.path.islink(path):
        for base, dirs, files in os.walk(path):
            for n in dirs + files:
                os.lchown(os.path.join(base, n), uid, gid)


def make_base(base, attempts=3):
    if os.path.isfile(os.path.join(base, ".aelab-debootstrap-ok")):
        return
    for attempt in range(1, attempts + 1):  # a network hiccup on the mirror: start again
        shutil.rmtree(base, ignore_errors=True)
        print("debootstrap --variant=minbase bookworm %s (once; attempt %d/%d)" % (base, attempt, attempts), flush=True)
        r = subprocess.run(["debootstrap", "--variant=minbase", "bookworm", base, "http://deb.debian.org/debian"],
                           stdout=subprocess.DEVNULL)
        if r.returncode == 0:
            break
    expect(r.returncode == 0, "debootstrap made a bookworm root")
    open(os.path.join(base, ".aelab-debootstrap-ok"), "w").close()


def cached_prefix(steps):
    """The instructions before the first one that takes the whole build context (COPY . / ADD .): Docker's layer
    cache keeps their result across source changes, and so does this test (see layer_key)."""
    for i, (kw, arg) in enumerate(steps):
        if kw in ("COPY", "ADD") and "." in shlex.split(arg):
            return i
    return len(steps)


def layer_key(steps, context, local_ca):
    """What the cached layers depend on, as in Docker's cache: the instructions' text and the content of the files
    they copy (a changed scripts/install-system-deps.sh or Dockerfile line is a miss), plus this test's own set-up
    of the root (the debootstrap command, the local CAs, the apt retry setting)."""
    h = hashlib.sha256()
    h.update(json.dumps([steps, APT_RETRIES, "debootstrap --variant=minbase bookworm"]).encode())
    with open(os.path.join(ROOT, "tools", "ijava_layout.py"), "rb") as f:  # makes the stand-in of IJava's zip
        h.update(hashlib.sha256(f.read()).digest())
    for kw, arg in steps:
        if kw in ("COPY", "ADD"):
            for word in shlex.split(arg):
                path = os.path.join(context, word)
                if not word.startswith("--") and os.path.isfile(path):
                    with open(path, "rb") as f:
                        h.update(hashlib.sha256(f.read()).digest())
    if os.path.isdir(local_ca):
        for base, dirs, files in sorted(os.walk(local_ca)):
            for n in sorted(files):
                with open(os.path.join(base, n), "rb") as f:
                    h.update(n.encode() + hashlib.sha256(f.read()).digest())
    return h.hexdigest()[:16]


def tracked_context(dest):
    files = subprocess.run(["git", "-C", ROOT, "ls-files", "-z"], check=True, capture_output=True).stdout
    for name in filter(None, files.decode().split("\0")):
        src = os.path.join(ROOT, name)
        if not os.path.lexists(src):
            continue
        out = os.path.join(dest, name)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        shutil.copy2(src, out, follow_symlinks=False)


def self_test():
    """The cache key on fixed inputs (no root, no network): what must and must not make a miss."""
    tmp = tempfile.mkdtemp(prefix="aelab-layer-key-")
    try:
        def write(name, text):
            os.makedirs(os.path.dirname(os.path.join(tmp, name)), exist_ok=True)
            with open(os.path.join(tmp, name), "w") as f:
                f.write(text)
        write("scripts/deps.sh", "apt-get install x\n")
        write("README.md", "one\n")
        steps = instructions("FROM debian:bookworm\nARG U=jovyan\nRUN useradd ${U}\nCOPY scripts/deps.sh /tmp/d.sh\n"
                             "RUN bash /tmp/d.sh \\\n  && rm /tmp/d.sh\nCOPY --chown=1000:1000 . /home/x\n"
                             "RUN ./aelab build\n")
        prefix = cached_prefix(steps)
        expect(prefix == 5 and steps[prefix][0] == "COPY", "the cached layers end before `COPY .` (%d)" % prefix)
        key = layer_key(steps[:prefix], tmp, os.path.join(tmp, "no-ca"))
        write("README.md", "two\n")
        expect(layer_key(steps[:prefix], tmp, os.path.join(tmp, "no-ca")) == key,
               "a change to a file only `COPY .` takes keeps the key")
        write("scripts/deps.sh", "apt-get install x y\n")
        expect(layer_key(steps[:prefix], tmp, os.path.join(tmp, "no-ca")) != key,
               "a change to the install script changes the key")
        write("scripts/deps.sh", "apt-get install x\n")
        expect(layer_key(steps[:prefix], tmp, os.path.join(tmp, "no-ca")) == key, "... and back")
        changed = [(kw, arg + " --no-install-recommends" if kw == "RUN" else arg) for kw, arg in steps]
        expect(layer_key(changed[:prefix], tmp, os.path.join(tmp, "no-ca")) != key,
               "a changed instruction changes the key")
        write("ca/proxy.crt", "cert\n")
        expect(layer_key(steps[:prefix], tmp, os.path.join(tmp, "ca")) != key, "the local CAs are part of the key")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("dockerfile layer key: all checks passed")


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--base", default=os.path.join(CACHE, "base"),
                   help="the debootstrap root, made once (default %(default)s)")
    p.add_argument("--layers", default=os.path.join(CACHE, "layers"),
                   help="cache of the root after the instructions before `COPY .` (default %(default)s)")
    p.add_argument("--no-cache", action="store_true", help="run every instruction (the cache is then refreshed)")
    p.add_argument("--keep", action="store_true", help="keep the built root (printed) for inspection")
    a = p.parse_args()
    expect(os.geteuid() == 0, "runs as root (debootstrap, chown, bubblewrap with capabilities)")
    work = tempfile.mkdtemp(prefix="aelab-image-")
    root, context = os.path.join(work, "root"), os.path.join(work, "context")
    local_ca = "/usr/local/share/ca-certificates"
    try:
        tracked_context(context)
        steps = instructions(open(os.path.join(ROOT, "Dockerfile")).read())
        expect(steps[0] == ("FROM", "debian:bookworm"), "FROM debian:bookworm")
        prefix = cached_prefix(steps)
        layer = os.path.join(a.layers, layer_key(steps[:prefix], context, local_ca))
        hit = not a.no_cache and os.path.isfile(os.path.join(layer, ".aelab-layer-ok"))
        t0 = time.time()
        if hit:
            subprocess.run(["cp", "-a", os.path.join(layer, "root"), root], check=True)
            print("the root after the first %d instructions (up to `%s %s`) from the cache %s (%.0f s)" % (
                prefix, steps[prefix - 1][0], steps[prefix - 1][1][:40], layer, time.time() - t0), flush=True)
        else:
            make_base(a.base)
            print("debootstrap root ready (%.0f s)" % (time.time() - t0), flush=True)
            subprocess.run(["cp", "-a", a.base, root], check=True)
            with open(os.path.join(root, "etc/apt/apt.conf.d/80aelab-test-retries"), "w") as f:
                f.write(APT_RETRIES)
            # this machine reaches the registries through a TLS-inspecting egress proxy whose CA the host trusts
            # locally; the image gets the same local CAs before any RUN, so that ca-certificates(-java) trust it as
            # the host does (a real Binder build reaches the registries directly and does not need this)
            if os.path.isdir(local_ca):
                shutil.copytree(local_ca, os.path.join(root, local_ca.lstrip("/")), dirs_exist_ok=True)
        shutil.copy2("/etc/resolv.conf", os.path.join(root, "etc/resolv.conf"))
        img = Image(root, context)
        cmd = None
        for index, (kw, arg) in enumerate(steps[1:], start=1):
            if index == prefix and not hit:
                t_save = time.time()
                os.makedirs(a.layers, exist_ok=True)
                for old in os.listdir(a.layers):  # one layer kept: the current Dockerfile's
                    shutil.rmtree(os.path.join(a.layers, old), ignore_errors=True)
                part = tempfile.mkdtemp(prefix=".part-", dir=a.layers)  # renamed when complete
                subprocess.run(["cp", "-a", root, os.path.join(part, "root")], check=True)
                open(os.path.join(part, ".aelab-layer-ok"), "w").close()
                os.rename(part, layer)
                print("the root after the first %d instructions cached in %s (%.0f s)" % (
                    prefix, layer, time.time() - t_save), flush=True)
            if index < prefix and hit and kw in ("RUN", "COPY", "ADD"):
                continue  # their result is the cached root

            if kw == "ARG":
                name, _, default = arg.partition("=")
                img.args[name] = default
            elif kw == "ENV":
                for item in shlex.split(arg):
                    k, _, v = item.partition("=")
                    img.env[k] = substitute(v, img.vars())
            elif kw == "RUN":
                img.run(arg)
            elif kw in ("COPY", "ADD"):
                img.copy(arg, kw == "ADD")
            elif kw == "USER":
                img.user = substitute(arg, img.vars())
            elif kw == "WORKDIR":
                img.workdir = substitute(arg, img.vars())
                os.makedirs(os.path.join(root, img.workdir.lstrip("/")), exist_ok=True)
            elif kw == "EXPOSE":
                expect(arg == "8888", "EXPOSE 8888 (repo2docker's port)")
            elif kw == "CMD":
                cmd = json.loads(arg)
            else:
                expect(False, "a Dockerfile instruction this test knows: %s" % kw)
        print("image built in %.0f s (%s)" % (time.time() - t0, "cached layers reused" if hit else "every step run"),
              flush=True)

        home = img.env["HOME"]
        uid, gid = img.ids(img.user)
        st = os.stat(os.path.join(root, home.lstrip("/"), "aelab"))
        expect((st.st_uid, st.st_gid) == (uid, gid), "the checkout in %s belongs to %s" % (home, img.user))
        spec_path = os.path.join(root, home.lstrip("/"), ".local/share/jupyter/kernels/java/kernel.json")
        expect(os.path.isfile(spec_path), "the `java` kernelspec is installed for %s" % img.user)
        spec = json.load(open(spec_path))
        expect(spec["argv"][-3:-1] == ["-jar", os.path.join(home, ".local/share/jupyter/kernels/java/ijava-1.3.0.jar")],
               "the kernel is IJava 1.3.0 (%s)" % spec["argv"])
        cp = spec.get("env", {}).get("IJAVA_CLASSPATH", "").split(":")
        expect(cp[0] == os.path.join(home, "aelab-core/target/aelab-core.jar") and len(cp) > 5
               and all(os.path.isfile(os.path.join(root, c.lstrip("/"))) for c in cp),
               "IJAVA_CLASSPATH is the image's aelab-core jar and its lib/ (%d jars, all present)" % len(cp))

        expect(cmd is not None and cmd[:2] == ["./aelab", "lab"], "CMD starts ./aelab lab (%s)" % cmd)
        log = open(os.path.join(work, "lab.log"), "w")
        server = subprocess.Popen(img.command(cmd), stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        status, deadline = None, time.time() + 120
        try:
            while time.time() < deadline and server.poll() is None:
                try:
                    with urllib.request.urlopen("http://127.0.0.1:8888/tree", timeout=5) as r:
                        status = (r.status, r.read().decode("utf-8", "replace"))
                    break
                except Exception:
                    time.sleep(1)
        finally:
            os.killpg(server.pid, 15)
            server.wait()
        expect(status is not None and status[0] == 200 and "Jupyter" in status[1],
               "the image's CMD serves /tree on port 8888 (%s)" % (status[0] if status else
                                                                   open(os.path.join(work, "lab.log")).read()[-500:]))
    finally:
        if a.keep:
            print("kept: " + work)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

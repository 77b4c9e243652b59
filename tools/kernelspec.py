#!/usr/bin/python3
"""Installs and inspects the `java` Jupyter kernelspec used by aelab (run with Debian's /usr/bin/python3).

  kernelspec.py install-aelab --java JAVA --xmx 1g --kernel-jar JAR --kernel-lib DIR --classpath CP [--sys-prefix]
      the default kernel, aelab.kernel.AelabKernel: cells run in an execution JVM with -Xmx and the options of
      scripts/kernel-jvm.options (env AELAB_KERNEL_JVM_OPTIONS, one per line), classpath in AELAB_KERNEL_CLASSPATH
  kernelspec.py patch-ijava --java JAVA --xmx 1g [--sys-prefix]
      after IJava's own install.py: use JAVA and add -Xmx and the options file to the installed kernel.json
  kernelspec.py install-jjava --zip ZIP --java JAVA --xmx 1g --classpath CP [--sys-prefix]
      JJava's release zip (kernel.json, jjava-*.jar, launcher-*.jar at its root; argv with {resource_dir}):
      classpath in JJAVA_CLASSPATH, JVM options in JJAVA_JVM_OPTS (space-separated, read by JJava's launcher)
  kernelspec.py check --aelab-jar JAR
      exit 0 when a `java` kernelspec of one of these three kinds exists whose files exist, whose classpath holds JAR
      and whose JVM options are those of scripts/kernel-jvm.options; else 1
  kernelspec.py where
      print the directory of the installed `java` kernelspec
The user location is the default; --sys-prefix installs into sys.prefix (/usr/share/jupyter/kernels/java, root).
"""
import argparse
import glob
import json
import os
import shutil
import sys
import tempfile
import zipfile

from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from jupyter_core.paths import jupyter_data_dir

NAME = "java"
AELAB_MAIN = "aelab.kernel.AelabKernel"
OPTIONS_FILE = os.environ.get("AELAB_KERNEL_OPTIONS_FILE") or os.path.join(  # the variable: for tests only
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scripts", "kernel-jvm.options")
# the kernel JVM itself only speaks the Jupyter protocol and compiles snippets (javac); cells run elsewhere. C1 only:
# a start (javac's first compilations) costs 2.4 instead of 3.1 CPU seconds (measured at load 25, docs/kernel.md)
AELAB_KERNEL_OWN_JVM = ["-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true"]


def file_options():
    """The options of scripts/kernel-jvm.options: one per line, '#' starts a comment, blank lines skipped."""
    with open(OPTIONS_FILE) as f:
        opts = [line.split("#", 1)[0].strip() for line in f]
    return [o for o in opts if o]


def jvm_options(xmx):
    """-Xmx, then the options of scripts/kernel-jvm.options."""
    return ["-Xmx" + xmx] + file_options()


def kernel_dir(sys_prefix):
    base = os.path.join(sys.prefix, "share", "jupyter") if sys_prefix else jupyter_data_dir()
    return os.path.join(base, "kernels", NAME)


def write_json(path, spec):
    with open(path, "w") as f:
        json.dump(spec, f, indent=2, sort_keys=True)
        f.write("\n")


def install_spec(spec, sys_prefix, files=()):
    """Installs kernel.json `spec` (and `files`, copied beside it) as kernelspec `java`; returns (directory, changed)."""
    target = kernel_dir(sys_prefix)
    try:
        with open(os.path.join(target, "kernel.json")) as f:
            same = json.load(f) == spec
        if same and all(os.path.isfile(os.path.join(target, os.path.basename(p))) for p in files):
            return target, False
    except (OSError, ValueError):
        pass
    with tempfile.TemporaryDirectory() as tmp:
        write_json(os.path.join(tmp, "kernel.json"), spec)
        for p in files:
            shutil.copy2(p, tmp)
        dest = KernelSpecManager().install_kernel_spec(tmp, kernel_name=NAME, user=not sys_prefix,
                                                       prefix=sys.prefix if sys_prefix else None)
    return dest, True


def report(kind, xmx, dest, changed):
    print("aelab: kernel 'java' (%s, -Xmx%s) %s %s" % (kind, xmx, "installed in" if changed else
                                                       "already up to date in", dest))


def install_aelab(a):
    jars = [a.kernel_jar] + sorted(glob.glob(os.path.join(a.kernel_lib, "*.jar")))
    spec = {
        "argv": [a.java] + AELAB_KERNEL_OWN_JVM + ["-cp", os.pathsep.join(jars), AELAB_MAIN, "{connection_file}"],
        "display_name": "Java (aelab)",
        "language": "java",
        "interrupt_mode": "message",
        "env": {"AELAB_KERNEL_CLASSPATH": a.classpath,
                "AELAB_KERNEL_JVM_OPTIONS": "\n".join(jvm_options(a.xmx))},
        "metadata": {"aelab_kernel": "aelab (jjava-jupyter 1.0-a6, cells in a separate JVM)"},
    }
    report("aelab kernel", a.xmx, *install_spec(spec, a.sys_prefix))


def patch_ijava(a):
    d = kernel_dir(a.sys_prefix)
    path = os.path.join(d, "kernel.json")
    with open(path) as f:
        spec = json.load(f)
    ours = set(jvm_options(a.xmx))
    argv = [x for x in spec["argv"] if not x.startswith("-Xmx") and x not in ours]
    if argv[0] != "java" and os.path.basename(argv[0]) != "java":
        sys.exit("aelab: unexpected IJava kernel.json argv %r" % spec["argv"])
    spec["argv"] = [a.java] + jvm_options(a.xmx) + argv[1:]
    spec["display_name"] = "Java (aelab)"
    spec.setdefault("metadata", {})["aelab_kernel"] = "IJava 1.3.0"
    write_json(path, spec)
    print("aelab: kernel 'java' (IJava 1.3.0, -Xmx%s) installed in %s" % (a.xmx, d))


def install_jjava(a):
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(a.zip) as z:
            z.extractall(tmp)
        root = tmp
        entries = os.listdir(tmp)
        if "kernel.json" not in entries and len(entries) == 1 and os.path.isdir(os.path.join(tmp, entries[0])):
            root = os.path.join(tmp, entries[0])  # a zip with one top directory
        kj = os.path.join(root, "kernel.json")
        jars = sorted(glob.glob(os.path.join(root, "*.jar")))
        if not os.path.isfile(kj) or not any(os.path.basename(j).startswith("jjava") for j in jars):
            sys.exit("aelab: %s does not look like JJava's release zip (kernel.json and jjava-*.jar at its root)"
                     % a.zip)
        with open(kj) as f:
            spec = json.load(f)
        argv = spec["argv"]
        if os.path.basename(argv[0]) != "java" or "{connection_file}" not in argv:
            sys.exit("aelab: unexpected JJava kernel.json argv %r" % argv)
        for x in argv:  # every jar the argv names must be in the zip
            if x.startswith("{resource_dir}/") and not os.path.isfile(os.path.join(root, x[len("{resource_dir}/"):])):
                sys.exit("aelab: JJava's kernel.json names %s, which the zip does not hold" % x)
        spec["argv"] = [a.java] + argv[1:]
        env = dict(spec.get("env") or {})
        env["JJAVA_CLASSPATH"] = a.classpath
        env["JJAVA_JVM_OPTS"] = " ".join(jvm_options(a.xmx))  # JJava's launcher splits it on spaces
        spec["env"] = env
        spec["display_name"] = "Java (aelab)"
        spec.setdefault("metadata", {})["aelab_kernel"] = "JJava (%s)" % ", ".join(os.path.basename(j) for j in jars)
        write_json(kj, spec)
        dest = KernelSpecManager().install_kernel_spec(root, kernel_name=NAME, user=not a.sys_prefix,
                                                       prefix=sys.prefix if a.sys_prefix else None)
    print("aelab: kernel 'java' (JJava, -Xmx%s) installed in %s" % (a.xmx, dest))


def spec_kind(spec):
    """('aelab'|'ijava'|'jjava', classpath entries, JVM options that came from us) of a kernelspec."""
    env = spec.env or {}
    argv = spec.argv
    if AELAB_MAIN in argv:
        return ("aelab", env.get("AELAB_KERNEL_CLASSPATH", "").split(os.pathsep),
                env.get("AELAB_KERNEL_JVM_OPTIONS", "").split("\n"))
    if "JJAVA_CLASSPATH" in env:
        return "jjava", env["JJAVA_CLASSPATH"].split(os.pathsep), env.get("JJAVA_JVM_OPTS", "").split()
    if "IJAVA_CLASSPATH" in env:
        return "ijava", env["IJAVA_CLASSPATH"].split(os.pathsep), argv[1:argv.index("-jar")] if "-jar" in argv else []
    return None, [], []


def check(a):
    try:
        spec = KernelSpecManager().get_kernel_spec(NAME)
    except NoSuchKernel:
        return 1
    kind, cp, opts = spec_kind(spec)
    if kind is None:
        return 1
    entries = [e for e in cp if e]
    if os.path.abspath(a.aelab_jar) not in entries:
        return 1
    if [o for o in opts if o and not o.startswith("-Xmx")] != file_options():
        return 1  # scripts/kernel-jvm.options changed since the install
    files = [e for e in entries if "*" not in e]
    for i, x in enumerate(spec.argv):
        x = x.replace("{resource_dir}", spec.resource_dir)
        if x == "-cp" and i + 1 < len(spec.argv):
            files += spec.argv[i + 1].split(os.pathsep)
        elif x.endswith(".jar") and os.pathsep not in x:
            files.append(x)
    return 0 if all(os.path.exists(f) for f in files) else 1


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    k = sub.add_parser("install-aelab")
    for opt in ("--java", "--xmx", "--kernel-jar", "--kernel-lib", "--classpath"):
        k.add_argument(opt, required=True)
    i = sub.add_parser("patch-ijava")
    for opt in ("--java", "--xmx"):
        i.add_argument(opt, required=True)
    j = sub.add_parser("install-jjava")
    for opt in ("--zip", "--java", "--xmx", "--classpath"):
        j.add_argument(opt, required=True)
    for s in (k, i, j):
        s.add_argument("--sys-prefix", action="store_true")
    c = sub.add_parser("check")
    c.add_argument("--aelab-jar", required=True)
    sub.add_parser("where")
    a = p.parse_args()
    if a.cmd == "install-aelab":
        install_aelab(a)
    elif a.cmd == "patch-ijava":
        patch_ijava(a)
    elif a.cmd == "install-jjava":
        install_jjava(a)
    elif a.cmd == "check":
        sys.exit(check(a))
    elif a.cmd == "where":
        print(KernelSpecManager().get_kernel_spec(NAME).resource_dir)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Installs and inspects the `java` Jupyter kernelspec used by aelab (run with Debian's /usr/bin/python3).

  kernelspec.py install-rapaio --java JAVA --xmx 1g --kernel-jar JAR --launcher-jar JAR --classpath CP [--sys-prefix]
      write the `java` kernelspec for rapaio-jupyter-kernel (user location unless --sys-prefix)
  kernelspec.py patch-ijava --java JAVA --xmx 1g [--sys-prefix]
      after IJava's own install.py: use JAVA and add -Xmx and headless AWT to the installed kernel.json
  kernelspec.py check --aelab-jar JAR
      exit 0 when a `java` kernelspec exists whose files exist and whose classpath holds JAR, else 1
  kernelspec.py where
      print the directory of the installed `java` kernelspec
"""
import argparse
import json
import os
import sys
import tempfile

from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from jupyter_core.paths import jupyter_data_dir

NAME = "java"
LAUNCHER = "aelab.kernel.ReliableKernelLauncher"


OPTIONS_FILE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scripts",
                            "kernel-jvm.options")


def jvm_options(xmx):
    """-Xmx, then the options of scripts/kernel-jvm.options (one per line, '#' comments)."""
    with open(OPTIONS_FILE) as f:
        opts = [line.split("#", 1)[0].strip() for line in f]
    return ["-Xmx" + xmx] + [o for o in opts if o]


def install_spec(spec, sys_prefix):
    """Installs kernel.json `spec` as kernelspec `java` (user or sys-prefix location); returns (directory, changed)."""
    base = os.path.join(sys.prefix, "share", "jupyter") if sys_prefix else jupyter_data_dir()
    target = os.path.join(base, "kernels", NAME)
    try:
        with open(os.path.join(target, "kernel.json")) as f:
            if json.load(f) == spec:
                return target, False
    except (OSError, ValueError):
        pass
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "kernel.json"), "w") as f:
            json.dump(spec, f, indent=2, sort_keys=True)
            f.write("\n")
        dest = KernelSpecManager().install_kernel_spec(tmp, kernel_name=NAME, user=not sys_prefix,
                                                       prefix=sys.prefix if sys_prefix else None)
    return dest, True


def install_rapaio(a):
    spec = {
        "argv": [a.java] + jvm_options(a.xmx) + ["-cp", a.kernel_jar + os.pathsep + a.launcher_jar, LAUNCHER,
                                                 "{connection_file}"],
        "display_name": "Java (aelab)",
        "language": "java",
        "interrupt_mode": "message",
        # rapaio splits RJK_CLASSPATH on ';' (each entry may be a glob), IJava splits IJAVA_CLASSPATH on os.pathsep
        "env": {"RJK_CLASSPATH": ";".join(a.classpath.split(os.pathsep))},
        "metadata": {"aelab_kernel": "rapaio-jupyter-kernel 3.0.1"},
    }
    dest, changed = install_spec(spec, a.sys_prefix)
    print("aelab: kernel 'java' (rapaio-jupyter-kernel 3.0.1, -Xmx%s) %s %s" % (
        a.xmx, "installed in" if changed else "already up to date in", dest))


def patch_ijava(a):
    ksm = KernelSpecManager()
    d = ksm.get_kernel_spec(NAME).resource_dir
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
    with open(path, "w") as f:
        json.dump(spec, f, indent=2, sort_keys=True)
        f.write("\n")
    print("aelab: kernel 'java' (IJava 1.3.0, -Xmx%s) installed in %s" % (a.xmx, d))


def check(a):
    try:
        spec = KernelSpecManager().get_kernel_spec(NAME)
    except NoSuchKernel:
        return 1
    env = spec.env or {}
    cp = env.get("RJK_CLASSPATH") or env.get("IJAVA_CLASSPATH") or ""
    entries = [e for e in cp.replace(";", os.pathsep).split(os.pathsep) if e]
    if os.path.abspath(a.aelab_jar) not in entries:
        return 1
    files = [e for e in entries if "*" not in e]
    for i, x in enumerate(spec.argv):
        if x == "-cp" and i + 1 < len(spec.argv):
            files += spec.argv[i + 1].split(os.pathsep)
        elif x.endswith(".jar") and os.pathsep not in x:
            files.append(x)
    return 0 if all(os.path.exists(f) for f in files) else 1


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("install-rapaio")
    for opt in ("--java", "--xmx", "--kernel-jar", "--launcher-jar", "--classpath"):
        r.add_argument(opt, required=True)
    r.add_argument("--sys-prefix", action="store_true")
    i = sub.add_parser("patch-ijava")
    i.add_argument("--java", required=True)
    i.add_argument("--xmx", required=True)
    c = sub.add_parser("check")
    c.add_argument("--aelab-jar", required=True)
    sub.add_parser("where")
    a = p.parse_args()
    if a.cmd == "install-rapaio":
        install_rapaio(a)
    elif a.cmd == "patch-ijava":
        patch_ijava(a)
    elif a.cmd == "check":
        sys.exit(check(a))
    elif a.cmd == "where":
        print(KernelSpecManager().get_kernel_spec(NAME).resource_dir)


if __name__ == "__main__":
    main()

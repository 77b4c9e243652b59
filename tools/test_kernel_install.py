#!/usr/bin/python3
"""Tests scripts/install-kernel.sh in an isolated JUPYTER_DATA_DIR (the user's kernels are not touched):

  1. default (rapaio-jupyter-kernel 3.0.1): kernel.json runs aelab.kernel.ReliableKernelLauncher with -Xmx, classpath
     in RJK_CLASSPATH (';'-separated) holding aelab-core's jar and every jar of its lib/; a second run changes nothing.
  2. --ijava ZIP: a zip with the layout of IJava 1.3.0's release (install.py, java/kernel.json with the
     @KERNEL_INSTALL_DIRECTORY@ token, java/ijava-1.3.0.jar, java/dependency-jars/) built here, with a stand-in
     install.py offering the real one's options (--user/--sys-prefix/--prefix, --replace, --classpath).
Needs the module jars (./aelab build). Exit status 1 on the first failed expectation.
"""
import glob
import json
import os
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STAND_IN_INSTALL_PY = r'''
import argparse, json, os, sys
from jupyter_client.kernelspec import KernelSpecManager
p = argparse.ArgumentParser()
g = p.add_mutually_exclusive_group()
g.add_argument("--user", action="store_true"); g.add_argument("--sys-prefix", action="store_true")
g.add_argument("--prefix", default="")
p.add_argument("--replace", action="store_true"); p.add_argument("--classpath")
a = p.parse_args()
here = os.path.dirname(os.path.abspath(__file__))
dest = KernelSpecManager().install_kernel_spec(os.path.join(here, "java"), kernel_name="java", user=a.user,
                                               prefix=sys.prefix if a.sys_prefix else a.prefix)
text = open(os.path.join(here, "java", "kernel.json")).read()
spec = json.loads(text.replace("@KERNEL_INSTALL_DIRECTORY@", json.dumps(dest)[1:-1]))
if a.classpath:
    spec.setdefault("env", {})["IJAVA_CLASSPATH"] = a.classpath
json.dump(spec, open(os.path.join(dest, "kernel.json"), "w"), indent=4, sort_keys=True)
print('Installed java kernel into "%s"' % dest)
'''
IJAVA_KERNEL_JSON = {"argv": ["java", "-jar", "@KERNEL_INSTALL_DIRECTORY@/ijava-1.3.0.jar", "{connection_file}"],
                     "display_name": "Java", "language": "java", "interrupt_mode": "message", "env": {}}


def expect(cond, what):
    if not cond:
        print("FAILED: " + what, file=sys.stderr)
        sys.exit(1)
    print("ok: " + what)


def install(data_dir, *args):
    env = dict(os.environ, JUPYTER_DATA_DIR=data_dir)
    r = subprocess.run(["bash", os.path.join(ROOT, "scripts", "install-kernel.sh"), *args], env=env,
                       capture_output=True, text=True)
    expect(r.returncode == 0, "install-kernel.sh %s exits 0 (%s)" % (" ".join(args), r.stderr.strip()[-300:]))
    with open(os.path.join(data_dir, "kernels", "java", "kernel.json")) as f:
        return json.load(f), r.stdout + r.stderr


def main():
    jar = os.path.join(ROOT, "aelab-core", "target", "aelab-core.jar")
    libs = sorted(glob.glob(os.path.join(ROOT, "aelab-core", "target", "lib", "*.jar")))
    expect(os.path.isfile(jar) and libs, "aelab-core/target/aelab-core.jar and its lib/*.jar exist")
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "jupyter")
        spec, _ = install(data)
        argv = spec["argv"]
        expect("aelab.kernel.ReliableKernelLauncher" in argv and "{connection_file}" == argv[-1],
               "rapaio kernel starts through ReliableKernelLauncher")
        expect(any(a.startswith("-Xmx") for a in argv), "rapaio kernel JVM has -Xmx")
        cp = spec["env"]["RJK_CLASSPATH"].split(";")
        expect(cp == [jar] + libs, "RJK_CLASSPATH is the aelab-core jar then every jar of its lib/, ';'-separated")
        jvm_cp = argv[argv.index("-cp") + 1].split(os.pathsep)
        expect(all(os.path.isfile(p) for p in jvm_cp), "the kernel JVM's class path files exist")
        _, out = install(data)
        expect("already up to date" in out, "a second install changes nothing")

        z = os.path.join(tmp, "ijava-1.3.0.zip")
        with zipfile.ZipFile(z, "w") as zf:
            zf.writestr("install.py", STAND_IN_INSTALL_PY)
            zf.writestr("java/kernel.json", json.dumps(IJAVA_KERNEL_JSON, indent=2))
            zf.writestr("java/ijava-1.3.0.jar", b"stand-in")
            zf.writestr("java/dependency-jars/jupyter-jvm-basekernel-2.3.0.jar", b"stand-in")
        spec, _ = install(data, "--ijava", z)
        kdir = os.path.join(data, "kernels", "java")
        expect(spec["argv"][-3:] == ["-jar", os.path.join(kdir, "ijava-1.3.0.jar"), "{connection_file}"],
               "IJava kernel runs the installed ijava-1.3.0.jar")
        expect(any(a.startswith("-Xmx") for a in spec["argv"]), "IJava kernel JVM has -Xmx")
        expect(spec["env"]["IJAVA_CLASSPATH"].split(os.pathsep) == [jar] + libs,
               "IJAVA_CLASSPATH is the aelab-core jar then every jar of its lib/")
        expect(os.path.isfile(os.path.join(kdir, "dependency-jars", "jupyter-jvm-basekernel-2.3.0.jar")),
               "IJava's dependency-jars are installed next to kernel.json")
        spec2, _ = install(data, "--ijava", z)
        expect(spec2 == spec, "a second IJava install gives the same kernel.json")
        bad = os.path.join(tmp, "bad.zip")
        with zipfile.ZipFile(bad, "w") as zf:
            zf.writestr("README", "x")
        r = subprocess.run(["bash", os.path.join(ROOT, "scripts", "install-kernel.sh"), "--ijava", bad],
                           env=dict(os.environ, JUPYTER_DATA_DIR=data), capture_output=True, text=True)
        expect(r.returncode != 0 and "does not look like IJava" in r.stderr, "a wrong zip is rejected by name")
    print("kernel install: all checks passed")


if __name__ == "__main__":
    main()

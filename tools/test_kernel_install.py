#!/usr/bin/python3
"""Tests scripts/install-kernel.sh in an isolated JUPYTER_DATA_DIR and a throw-away venv as sys.prefix (the user's and
the system's kernels are not touched):

  1. default (aelab.kernel.AelabKernel): kernel.json runs the kernel jar and its lib/ jars, message interrupts, the
     student classpath (aelab-core's jar then every jar of its lib/) in AELAB_KERNEL_CLASSPATH, the execution JVM's
     options (-Xmx, then scripts/kernel-jvm.options) in AELAB_KERNEL_JVM_OPTIONS; a second run changes nothing;
     `kernelspec.py check` accepts it, and rejects it once the options file has changed.
  2. --ijava ZIP --sys-prefix: a zip with the layout of IJava 1.3.0's release (install.py, java/kernel.json with the
     @KERNEL_INSTALL_DIRECTORY@ token, java/ijava-1.3.0.jar, java/dependency-jars/) built here, with a stand-in
     install.py offering the real one's options; the sys-prefix kernelspec gets -Xmx and the options, the user's
     kernelspec is left alone. A wrong zip is rejected by name.
  3. --jjava ZIP: a zip with the layout of JJava's release (kernel.json, jjava-*.jar and launcher-*.jar at the root,
     argv with {resource_dir}): JJAVA_CLASSPATH, JJAVA_JVM_OPTS, the jars beside kernel.json, `check` accepts it.
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
TOOL = os.path.join(ROOT, "tools", "kernelspec.py")
from ijava_layout import IJAVA_KERNEL_JSON, write_ijava_zip
JJAVA_KERNEL_JSON = {"argv": ["java", "-jar", "{resource_dir}/launcher-1.0-a6.jar", "{resource_dir}/jjava-1.0-a6.jar",
                              "{connection_file}"],
                     "display_name": "Java", "language": "java", "interrupt_mode": "message", "env": {}, "metadata": {}}


def expect(cond, what):
    if not cond:
        print("FAILED: " + what, file=sys.stderr)
        sys.exit(1)
    print("ok: " + what)


def run_install(env, *args):
    r = subprocess.run(["bash", os.path.join(ROOT, "scripts", "install-kernel.sh"), *args], env=env,
                       capture_output=True, text=True)
    expect(r.returncode == 0, "install-kernel.sh %s exits 0 (%s)" % (" ".join(args), r.stderr.strip()[-300:]))
    return r.stdout + r.stderr


def load(kdir):
    with open(os.path.join(kdir, "kernel.json")) as f:
        return json.load(f)


def check(env, jar):
    return subprocess.run([env.get("AELAB_PYTHON", "/usr/bin/python3"), TOOL, "check", "--aelab-jar", jar],
                          env=env).returncode


def file_options(path):
    with open(path) as f:
        return [o for o in (line.split("#", 1)[0].strip() for line in f) if o]


def main():
    jar = os.path.join(ROOT, "aelab-core", "target", "aelab-core.jar")
    libs = sorted(glob.glob(os.path.join(ROOT, "aelab-core", "target", "lib", "*.jar")))
    kjar = os.path.join(ROOT, "aelab-kernel", "target", "aelab-kernel.jar")
    expect(os.path.isfile(jar) and libs and os.path.isfile(kjar), "the aelab-core and aelab-kernel jars exist")
    opts = ["-Xmx1g"] + file_options(os.path.join(ROOT, "scripts", "kernel-jvm.options"))
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "jupyter")
        venv = os.path.join(tmp, "venv")
        subprocess.run(["/usr/bin/python3", "-m", "venv", "--without-pip", "--system-site-packages", venv], check=True)
        env = dict(os.environ, JUPYTER_DATA_DIR=data, AELAB_PYTHON=os.path.join(venv, "bin", "python3"))
        env.pop("AELAB_KERNEL_XMX", None)
        env.pop("JUPYTER_PATH", None)
        user_dir = os.path.join(data, "kernels", "java")
        sys_dir = os.path.join(venv, "share", "jupyter", "kernels", "java")

        run_install(env)
        spec = load(user_dir)
        argv = spec["argv"]
        expect(argv[argv.index("-cp") + 2:] == ["aelab.kernel.AelabKernel", "{connection_file}"],
               "the default kernel runs aelab.kernel.AelabKernel")
        jvm_cp = argv[argv.index("-cp") + 1].split(os.pathsep)
        expect(jvm_cp[0] == kjar and len(jvm_cp) > 1 and all(os.path.isfile(p) for p in jvm_cp),
               "the kernel JVM's class path is aelab-kernel.jar and its lib/ jars, all present")
        expect(spec["interrupt_mode"] == "message", "interrupts are sent as messages (a signal would end the JVM)")
        expect(spec["env"]["AELAB_KERNEL_CLASSPATH"].split(os.pathsep) == [jar] + libs,
               "AELAB_KERNEL_CLASSPATH is the aelab-core jar then every jar of its lib/")
        expect(spec["env"]["AELAB_KERNEL_JVM_OPTIONS"].split("\n") == opts,
               "AELAB_KERNEL_JVM_OPTIONS is -Xmx1g then scripts/kernel-jvm.options, one per line: %r" % opts)
        out = run_install(env)
        expect("already up to date" in out, "a second install changes nothing")
        expect(check(env, jar) == 0, "kernelspec.py check accepts the default kernel")
        changed = os.path.join(tmp, "changed.options")
        with open(changed, "w") as f:
            f.write("# another option\n-XX:+UseSerialGC\n" + "\n".join(opts[1:]) + "\n")
        expect(check(dict(env, AELAB_KERNEL_OPTIONS_FILE=changed), jar) == 1,
               "kernelspec.py check rejects it once the options file has changed")
        expect(check(env, os.path.join(tmp, "other.jar")) == 1, "kernelspec.py check rejects another aelab jar")

        z = os.path.join(tmp, "ijava-1.3.0.zip")
        write_ijava_zip(z)
        run_install(env, "--ijava", z, "--sys-prefix")
        spec = load(sys_dir)
        expect(spec["argv"][-3:] == ["-jar", os.path.join(sys_dir, "ijava-1.3.0.jar"), "{connection_file}"],
               "--sys-prefix: IJava runs the ijava-1.3.0.jar installed under sys.prefix")
        expect(spec["argv"][1:-3] == opts, "--sys-prefix: the IJava kernel JVM gets -Xmx1g and the options file")
        expect(spec["env"]["IJAVA_CLASSPATH"].split(os.pathsep) == [jar] + libs,
               "IJAVA_CLASSPATH is the aelab-core jar then every jar of its lib/")
        expect(os.path.isfile(os.path.join(sys_dir, "dependency-jars", "jupyter-jvm-basekernel-2.3.0.jar")),
               "IJava's dependency-jars are installed next to kernel.json")
        expect("aelab.kernel.AelabKernel" in load(user_dir)["argv"],
               "--sys-prefix leaves the user's kernelspec alone")
        run_install(env, "--ijava", z)
        spec = load(user_dir)
        expect(spec["argv"][1:] == opts + ["-jar", os.path.join(user_dir, "ijava-1.3.0.jar"), "{connection_file}"],
               "--ijava without --sys-prefix installs IJava for the user, with -Xmx1g and the options file")
        expect(check(env, jar) == 0, "kernelspec.py check accepts the IJava kernelspec")
        spec2 = (run_install(env, "--ijava", z), load(user_dir))[1]
        expect(spec2 == spec, "a second IJava install gives the same kernel.json")
        bad = os.path.join(tmp, "bad.zip")
        with zipfile.ZipFile(bad, "w") as zf:
            zf.writestr("README", "x")
        r = subprocess.run(["bash", os.path.join(ROOT, "scripts", "install-kernel.sh"), "--ijava", bad], env=env,
                           capture_output=True, text=True)
        expect(r.returncode != 0 and "does not look like IJava" in r.stderr, "a wrong IJava zip is rejected by name")

        jz = os.path.join(tmp, "jjava-1.0-a6-kernelspec.zip")
        with zipfile.ZipFile(jz, "w") as zf:
            zf.writestr("kernel.json", json.dumps(JJAVA_KERNEL_JSON, indent=2))
            zf.writestr("jjava-1.0-a6.jar", b"stand-in")
            zf.writestr("launcher-1.0-a6.jar", b"stand-in")
        run_install(env, "--jjava", jz)
        spec = load(user_dir)
        expect(os.path.basename(spec["argv"][0]) == "java" and os.path.isabs(spec["argv"][0])
               and spec["argv"][1:] == JJAVA_KERNEL_JSON["argv"][1:],
               "JJava keeps its argv ({resource_dir} jars) with this machine's java")
        expect(all(os.path.isfile(os.path.join(user_dir, n)) for n in ("jjava-1.0-a6.jar", "launcher-1.0-a6.jar")),
               "JJava's jars are installed beside kernel.json ({resource_dir})")
        expect(spec["env"]["JJAVA_CLASSPATH"].split(os.pathsep) == [jar] + libs,
               "JJAVA_CLASSPATH is the aelab-core jar then every jar of its lib/")
        expect(spec["env"]["JJAVA_JVM_OPTS"].split(" ") == opts, "JJAVA_JVM_OPTS is -Xmx1g and the options file")
        expect(check(env, jar) == 0, "kernelspec.py check accepts the JJava kernelspec")
        r = subprocess.run(["bash", os.path.join(ROOT, "scripts", "install-kernel.sh"), "--jjava", bad], env=env,
                           capture_output=True, text=True)
        expect(r.returncode != 0 and "does not look like JJava" in r.stderr, "a wrong JJava zip is rejected by name")
    print("kernel install: all checks passed")


if __name__ == "__main__":
    main()

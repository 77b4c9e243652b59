"""A zip with the layout of IJava 1.3.0's release (install.py, java/kernel.json with the @KERNEL_INSTALL_DIRECTORY@
token, java/ijava-1.3.0.jar, java/dependency-jars/), built here because IJava's release cannot be downloaded on this
machine. The install.py is a stand-in offering the real one's options (--user/--sys-prefix/--prefix, --replace,
--classpath); the jars are stand-ins, so a kernel installed from it cannot run. Used by tools/test_kernel_install.py
and tools/test_dockerfile.py.
"""
import json
import zipfile

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


def write_ijava_zip(path):
    """Writes the stand-in release zip to path."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("install.py", STAND_IN_INSTALL_PY)
        zf.writestr("java/kernel.json", json.dumps(IJAVA_KERNEL_JSON, indent=2))
        zf.writestr("java/ijava-1.3.0.jar", b"stand-in")
        zf.writestr("java/dependency-jars/jupyter-jvm-basekernel-2.3.0.jar", b"stand-in")

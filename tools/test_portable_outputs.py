#!/usr/bin/python3
"""Tests build_handouts.portable_outputs on outputs shaped as IJava/JJava/rapaio send them (issue 10, part 5): the
run-dependent `Class@hash` text beside an image goes, the display id left as the result of display(x) goes, and
nothing else changes (a UUID printed on purpose, text results, stdout). Exit status 1 on a failed expectation."""
import copy
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build_handouts  # noqa: E402

UUID = "0f8fad5b-d9cb-469f-a165-70867728950e"


def result(data):
    return {"output_type": "execute_result", "data": data, "metadata": {}, "execution_count": 1}


def check(name, outputs, expected):
    got = build_handouts.portable_outputs(copy.deepcopy(outputs))
    if got != expected:
        print("FAILED: %s: %r" % (name, got), file=sys.stderr)
        sys.exit(1)
    print("ok: " + name)


def main():
    png = "iVBORw0KGgo="
    check("IJava's BufferedImage@hash beside an image is dropped",
          [result({"image/png": png, "text/plain": "java.awt.image.BufferedImage@5e9f23b4"})],
          [result({"image/png": png})])
    check("... also as a list of lines (nbformat on disk)",
          [result({"image/png": png, "text/plain": ["BufferedImage@1b2c3d"]})], [result({"image/png": png})])
    shown = {"output_type": "display_data", "data": {"text/plain": "x"}, "metadata": {}}
    check("display(x)'s id left as the cell's result is dropped", [shown, result({"text/plain": UUID})], [shown])
    check("rapaio's quoted display id too", [shown, result({"text/plain": "'%s'" % UUID})], [shown])
    check("a UUID result without any display stays", [result({"text/plain": UUID})], [result({"text/plain": UUID})])
    check("an image's real description stays", [result({"image/png": png, "text/plain": "a 3x2 image"})],
          [result({"image/png": png, "text/plain": "a 3x2 image"})])
    out = {"output_type": "stream", "name": "stdout", "text": "Foo@1a2b\n"}
    check("printed text stays", [out, result({"text/plain": "Foo@1a2b"})], [out, result({"text/plain": "Foo@1a2b"})])
    print("portable outputs: all checks passed")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Writes three variants of aelab-core's VectorGemmFloat.java into OUT/aelab/linalg (run by run.sh; nothing here is
built with the library). Each keeps the kernel, the tile and the chain of the original, so its products are the same
bits (the harness checks it); they differ only in where the operands and C live:

  GemmWeightsFloat  op(B) read from a float[] (a float copy of a weight), A and C double
  GemmInputsFloat   op(A) and op(B) read from float[], C double
  GemmAllFloat      op(A), op(B) and C float[] (PyTorch's float32 storage)

All three write a full tile of a double C with a constant-trip loop (the original's storeRows has variable bounds).
Usage: variants.py SOURCE_VectorGemmFloat.java OUT_DIR
"""
import os
import sys

src = open(sys.argv[1]).read()
out = os.path.join(sys.argv[2], "aelab", "linalg")
os.makedirs(out, exist_ok=True)


def must_replace(s, old, new):
    if old not in s:
        sys.exit("variants.py: VectorGemmFloat.java changed; not found: " + old[:80])
    return s.replace(old, new)


FULL_TILE_STORE = '''                    if (cd != null && mh == MR && nw == NR) {
                        micro(kc, ap, aOff, bp, bOff, tile, 0, NR, false);
                        for (int i = 0; i < MR; i++) {
                            final int row = c0 + i * ldc;
                            if (overwrite) {
                                for (int j = 0; j < NR; j++) {
                                    cd[row + j] = tile[i * NR + j];
                                }
                            } else {
                                for (int j = 0; j < NR; j++) {
                                    cd[row + j] += tile[i * NR + j];
                                }
                            }
                        }
                    } else if (cd != null) {
                        micro(kc, ap, aOff, bp, bOff, tile, 0, NR, false);'''
STORE_OLD = '''                    if (cd != null) {
                        micro(kc, ap, aOff, bp, bOff, tile, 0, NR, false);'''
PACK_B_OLD = '''                    for (int j = 0; j < NR; j += 2 * D.length()) {
                        final FloatVector low = (FloatVector) DoubleVector.fromArray(D, bd, src + j)
                                .convertShape(VectorOperators.D2F, S, 0);
                        final FloatVector high = (FloatVector) DoubleVector.fromArray(D, bd, src + j + D.length())
                                .convertShape(VectorOperators.D2F, S, -1);
                        low.blend(high, HIGH_HALF).intoArray(bp, dst + j);
                    }'''
PACK_B_FLOAT = '''                    for (int j = 0; j < NR; j += L) {
                        FloatVector.fromArray(S, bd, src + j).intoArray(bp, dst + j);
                    }'''


def variant(name, float_a, float_b, float_c):
    s = src.replace("final class VectorGemmFloat", "final class " + name)
    s = s.replace("private VectorGemmFloat()", "private " + name + "()")
    s = must_replace(s, STORE_OLD, FULL_TILE_STORE)
    if float_b:
        s = must_replace(s, "double[] ad, int lda, double[] bd,", "double[] ad, int lda, float[] bd,")
        s = must_replace(s, "private static void packB(boolean transB, double[] bd",
                         "private static void packB(boolean transB, float[] bd")
        s = s.replace("(float) bd[", "bd[")
        s = must_replace(s, PACK_B_OLD, PACK_B_FLOAT)
    if float_a:
        s = must_replace(s, "double[] ad, int lda,", "float[] ad, int lda,")  # blocked and packA
        s = s.replace("(float) ad[", "ad[")
    if float_c:
        # C is the float array ct; a full tile is stored from the registers (no tile buffer, no widening)
        s = must_replace(s, FULL_TILE_STORE, '''                    if (overwrite && mh == MR && nw == NR) {
                        micro(kc, ap, aOff, bp, bOff, ct, c0, ldc, false);
                    } else if (cd != null) {
                        micro(kc, ap, aOff, bp, bOff, tile, 0, NR, false);''')
    open(os.path.join(out, name + ".java"), "w").write(s)


variant("GemmWeightsFloat", False, True, False)
variant("GemmInputsFloat", True, True, False)
variant("GemmAllFloat", True, True, True)

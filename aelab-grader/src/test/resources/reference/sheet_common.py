"""Shared pieces of the exercise-sheet generators (run with Debian's /usr/bin/python3, which has numpy).

The sheets in solutions/ are written by exercise_sheets.py. Literal expected values of hidden probes are computed
here with numpy, independently of the Java solutions: gradients by central finite differences of the trace-form
loss, eigen/SVD quantities by numpy.linalg, closed forms by direct evaluation.

Regenerate (from the repository root), then refresh the students' copies:
    for n in 02 03 04; do PYTHONPATH=aelab-grader/src/test/resources/reference /usr/bin/python3 aelab-grader/src/test/resources/reference/sheet$n.py; done
    ./aelab exercises
"""
import json
import numpy as np

TOOLKIT = r'''import aelab.check.SelfCheck;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

// A small matrix toolkit for the exercises (row-major double[][]; every function checks shapes).
double[][] mul(double[][] a, double[][] b) {
    if (a[0].length != b.length) {
        throw new IllegalArgumentException("mul: " + a.length + "x" + a[0].length + " times " + b.length + "x"
                + b[0].length);
    }
    double[][] c = new double[a.length][b[0].length];
    for (int i = 0; i < a.length; i++)
        for (int k = 0; k < b.length; k++)
            for (int j = 0; j < b[0].length; j++) c[i][j] += a[i][k] * b[k][j];
    return c;
}
double[][] transpose(double[][] a) {
    double[][] t = new double[a[0].length][a.length];
    for (int i = 0; i < a.length; i++) for (int j = 0; j < a[0].length; j++) t[j][i] = a[i][j];
    return t;
}
/** alpha * a + beta * b for matrices of the same shape. */
double[][] combine(double alpha, double[][] a, double beta, double[][] b) {
    if (a.length != b.length || a[0].length != b[0].length) {
        throw new IllegalArgumentException("combine: " + a.length + "x" + a[0].length + " and " + b.length + "x"
                + b[0].length);
    }
    double[][] c = new double[a.length][a[0].length];
    for (int i = 0; i < a.length; i++) for (int j = 0; j < a[0].length; j++) c[i][j] = alpha * a[i][j] + beta * b[i][j];
    return c;
}
double trace(double[][] a) {
    double t = 0;
    for (int i = 0; i < a.length; i++) t += a[i][i];
    return t;
}
double[][] identity(int n) {
    double[][] e = new double[n][n];
    for (int i = 0; i < n; i++) e[i][i] = 1;
    return e;
}
double[][] inverse(double[][] a) {
    DMatrixRMaj m = new DMatrixRMaj(a);
    if (!CommonOps_DDRM.invert(m)) throw new IllegalArgumentException("inverse: singular matrix");
    double[][] out = new double[m.numRows][m.numCols];
    for (int i = 0; i < m.numRows; i++) for (int j = 0; j < m.numCols; j++) out[i][j] = m.get(i, j);
    return out;
}
/** sum_ij m_ij w_ij: one number the checks use to compare whole matrices (throws if the shapes differ). */
double weigh(double[][] m, double[][] w) {
    if (m.length != w.length || m[0].length != w[0].length) {
        throw new IllegalArgumentException("weigh: shape " + m.length + "x" + m[0].length + ", expected " + w.length
                + "x" + w[0].length);
    }
    double s = 0;
    for (int i = 0; i < m.length; i++) for (int j = 0; j < m[0].length; j++) s += m[i][j] * w[i][j];
    return s;
}'''


def jarr(a):
    """A Java array literal for a numpy array (1-D or 2-D), with repr-exact doubles."""
    a = np.asarray(a, dtype=float)
    if a.ndim == 1:
        return "new double[] {" + ", ".join(jnum(v) for v in a) + "}"
    return "new double[][] {" + ", ".join("{" + ", ".join(jnum(v) for v in row) + "}" for row in a) + "}"


def jnum(v):
    v = float(v)
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return repr(v)


def lit(v):
    return repr(float(v))


INTRO = """Fill in the cells marked `// YOUR CODE HERE` (replace the `throw` line with your code) and run the check cell below
each exercise: it prints `PASS` or `FAIL` with a hint. The autograder re-checks your functions with its own hidden
inputs, so make them correct in general, not only for the visible checks. Do not rename the functions or change
their parameter types, do not edit the locked cells, and do not redefine the functions of the setup cell (the
autograder's checks use them)."""


def weigh(m, w):
    """The numpy counterpart of the toolkit's weigh(m, w)."""
    assert m.shape == w.shape
    return float(np.sum(m * w))


class Sheet:
    def __init__(self, title_md):
        self.cells = []
        self.md(title_md.replace("{INTRO}", INTRO))

    def md(self, text):
        self.cells.append({"cell_type": "markdown", "metadata": {}, "source": text.strip("\n")})

    def _nb(self, gid, grade=False, solution=False, locked=False, points=None):
        m = {"grade": grade, "grade_id": gid, "locked": locked, "schema_version": 3, "solution": solution,
             "task": False}
        if points is not None:
            m["points"] = points
        return m

    def code(self, source, nbgrader=None, aelab=None):
        meta = {}
        if aelab is not None:
            meta["aelab"] = aelab
        if nbgrader is not None:
            meta["nbgrader"] = nbgrader
        self.cells.append({"cell_type": "code", "execution_count": None, "metadata": meta, "outputs": [],
                           "source": source.strip("\n")})

    def setup(self, extra=""):
        self.code(TOOLKIT + extra, self._nb("setup", locked=True))

    def solution(self, gid, source):
        self.code(source, self._nb(gid, solution=True))

    def grade(self, gid, name, selfcheck, probes, forbidden=None, solution_ids=None):
        points = sum(p["points"] for p in probes)
        a = {"name": name, "probes": probes}
        if forbidden:
            a["forbidden"] = forbidden
        if solution_ids:
            a["solution_ids"] = solution_ids
        self.code(selfcheck, self._nb(gid, grade=True, locked=True, points=points), a)
        return points

    def quiz(self, n, title, question, choices, answer, hint, gid_prefix="quiz"):
        letters = "".join(c[0] for c in choices)
        self.md("## %s (1 point)\n\n%s\n\n%s\n\nReturn the letter of your answer as a `char`, e.g. `return 'A';`."
                % (title, question.strip(), "\n".join("- **%s** %s" % (l, t) for l, t in choices)))
        self.solution("%s%d-answer" % (gid_prefix, n),
                      "char %s%d() {\n    // BEGIN SOLUTION\n    return '%s';\n    // END SOLUTION\n}"
                      % (gid_prefix, n, answer))
        return self.grade("%s%d-check" % (gid_prefix, n), title,
                          'SelfCheck.report(SelfCheck.oneOf("%s%d", () -> %s%d(), "%s", "answer with one capital letter"))'
                          % (gid_prefix, n, gid_prefix, n, letters),
                          [{"name": "answer", "expr": "%s%d()" % (gid_prefix, n), "type": "char", "expected": answer,
                            "points": 1, "hint": hint}])

    def explain(self, text, check):
        """An explanation of the quiz key above with the check behind it: solutions only (the exercise drops both)."""
        self.cells.append({"cell_type": "markdown", "metadata": {"aelab": {"solution_only": True}},
                           "source": ("**Why:** " + text.strip()).strip("\n")})
        self.cells.append({"cell_type": "code", "execution_count": None,
                           "metadata": {"aelab": {"solution_only": True}}, "outputs": [],
                           "source": check.strip("\n")})

    def write(self, path):
        cells = []
        for i, c in enumerate(self.cells):
            c = dict(c)
            c["id"] = "cell-%02d" % i
            lines = c["source"].split("\n")
            c["source"] = [l + "\n" for l in lines[:-1]] + [lines[-1]]
            cells.append(c)
        nb = {"cells": cells,
              "metadata": {"kernelspec": {"display_name": "Java", "language": "java", "name": "java"},
                           "language_info": {"name": "java"}},
              "nbformat": 4, "nbformat_minor": 5}
        with open(path, "w", encoding="utf-8") as f:
            json.dump(nb, f, indent=1, sort_keys=True, ensure_ascii=False)
            f.write("\n")


def probe(name, expr, points=1, type_="double", expected=None, hint=None, tol=None, rtol=None):
    p = {"name": name, "expr": expr, "type": type_, "points": points}
    if expected is not None:
        p["expected"] = expected
    if hint:
        p["hint"] = hint
    if tol is not None:
        p["tol"] = tol
    if rtol is not None:
        p["rtol"] = rtol
    return p

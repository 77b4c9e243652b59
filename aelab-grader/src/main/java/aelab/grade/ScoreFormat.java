package aelab.grade;

/** Number formatting shared by the grade reports. */
final class ScoreFormat {
    private ScoreFormat() {
    }

    /** 3 for 3.0, 2.5 for 2.5 (scores in CSV and progress lines). */
    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}

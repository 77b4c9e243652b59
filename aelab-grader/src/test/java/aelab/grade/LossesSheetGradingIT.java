package aelab.grade;

import static aelab.grade.SheetSubmissions.LOSSES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Sheet 03 (losses and denoising): the solution earns full marks, the untouched exercise 0, and the wrong
 * submission ({@link WrongAnswers#losses}) loses exactly the points worked out below from the probe inputs.
 */
class LossesSheetGradingIT {
    private static final double MAX = 30;

    private static SubmissionResult wrong() throws Exception {
        return SheetSubmissions.result(LOSSES, "wrong");
    }

    private static void assertWrongScores() throws Exception {
        SheetSubmissions.assertScores(wrong(), MAX, "mse-check", 3, "bce-check", 2, "gain-check", 3,
                "denoiser-check", 0, "mask-loss-check", 3, "practice3-check", 0, "mask-opt-check", 3,
                "sparse-check", 3, "quiz1-check", 1, "quiz2-check", 1, "quiz3-check", 1, "quiz4-check", 1);
        assertEquals(21, wrong().score(), 1e-12);
    }

    @Test
    void theSolutionEarnsFullMarks() throws Exception {
        SheetSubmissions.assertSolutionEarnsFullMarks(LOSSES, MAX, "mse-check", 6, "bce-check", 4, "gain-check", 3,
                "denoiser-check", 3,
                "mask-loss-check", 3, "practice3-check", 1, "mask-opt-check", 3, "sparse-check", 3, "quiz1-check", 1,
                "quiz2-check", 1, "quiz3-check", 1, "quiz4-check", 1);
    }

    @Test
    void theUntouchedExerciseEarnsZeroAndSaysNotImplemented() throws Exception {
        SheetSubmissions.assertExerciseEarnsZero(LOSSES, MAX, "mse-check", "denoiser-check");
    }

    @Test
    void theSumWhereAMeanBelongsLosesTheMeanProbesOfMse() throws Exception {
        // mean-per-element: 0.21 != 0.0175 and 14 != 14/3; mean-per-sample: 0.21 != 0.07 but a 1-row batch has
        // mean-per-sample = sum = 8; "sum" and the unknown reduction stay right: 3 of 6
        assertWrongScores();
        assertTrue(wrong().output("mse-check").contains("FAIL seed example 2, mean-per-element"),
                wrong().output("mse-check"));
    }

    @Test
    void theSumWhereAMeanBelongsLosesTheMultiElementProbesOfBce() throws Exception {
        // practice 4 (3 elements) and the 2x2 batch fail; a single element and the perfect prediction (0) pass
        assertWrongScores();
    }

    @Test
    void theSeedsInverseDropoutGainLosesPractice3() throws Exception {
        // 1/(1-p) = 1.43 makes E[W x~] = x but the MSE-optimal diagonal gain is 1
        assertWrongScores();
        assertTrue(wrong().output("practice3-check").contains(
                "returned 1.4285714285714286: not within the tolerance of the expected value hint: "), wrong().output("practice3-check"));
    }

    @Test
    void theLibrarysDenoiserEarnsNothingAndSaysWhy() throws Exception {
        assertWrongScores();
        assertTrue(wrong().output("denoiser-check").contains("the solution uses aelab.linearae"),
                wrong().output("denoiser-check"));
    }

    @Test
    void aPackageIsJudgedOnlyWhereItIsForbidden() throws Exception {
        // gain-impl uses aelab.loss (forbidden in mse, bce and sparse; the gain part forbids aelab.linearae only):
        // full marks; denoiser-impl reaches aelab.linearae through a unicode escape: 0 for that part only
        SubmissionResult r = SheetSubmissions.result(LOSSES, "library-allowed-and-disguised");
        SheetSubmissions.assertScores(r, MAX, "mse-check", 6, "bce-check", 4, "gain-check", 3, "denoiser-check", 0,
                "mask-loss-check", 3, "practice3-check", 1, "mask-opt-check", 3, "sparse-check", 3, "quiz1-check", 1,
                "quiz2-check", 1, "quiz3-check", 1, "quiz4-check", 1);
        assertTrue(r.output("denoiser-check").contains("reaches aelab.linearae (the library's own implementation)"),
                r.output("denoiser-check"));
    }
}

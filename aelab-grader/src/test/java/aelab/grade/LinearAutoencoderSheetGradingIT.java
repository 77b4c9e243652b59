package aelab.grade;

import static aelab.grade.SheetSubmissions.LINEAR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Sheet 02 (linear autoencoders and PCA): the solution earns full marks, the untouched exercise 0, and the wrong
 * submission ({@link WrongAnswers#linear}) loses exactly the points worked out below from the probe inputs.
 */
class LinearAutoencoderSheetGradingIT {
    private static final double MAX = 29;

    private static SubmissionResult wrong() throws Exception {
        return SheetSubmissions.result(LINEAR, "wrong");
    }

    /** The wrong submission's expected score per part; every test checks all parts (nothing else is lost). */
    private static void assertWrongScores() throws Exception {
        SheetSubmissions.assertScores(wrong(), MAX, "loss-check", 3, "enc-grad-check", 0, "dec-grad-check", 1,
                "tied-grad-check", 1, "opt-loss-check", 3, "pca-check", 1, "decoder-check", 2, "soft-check", 3,
                "quiz1-check", 1, "quiz2-check", 1, "quiz3-check", 0, "quiz4-check", 1, "quiz5-check", 1,
                "quiz6-check", 1);
        assertEquals(19, wrong().score(), 1e-12);
    }

    @Test
    void theSolutionEarnsFullMarks() throws Exception {
        SheetSubmissions.assertSolutionEarnsFullMarks(LINEAR, MAX, "loss-check", 3, "enc-grad-check", 2,
                "dec-grad-check", 3,
                "tied-grad-check", 3, "opt-loss-check", 3, "pca-check", 4, "decoder-check", 2, "soft-check", 3,
                "quiz1-check", 1, "quiz2-check", 1, "quiz3-check", 1, "quiz4-check", 1, "quiz5-check", 1,
                "quiz6-check", 1);
    }

    @Test
    void theUntouchedExerciseEarnsZeroAndSaysNotImplemented() throws Exception {
        SheetSubmissions.assertExerciseEarnsZero(LINEAR, MAX, "pca-check", "quiz3-check");
    }

    @Test
    void theSeedsWrongShapeDecoderGradientKeepsOnlyTheSquareStationaryPoint() throws Exception {
        // -2 W_e Sigma is 2x3 and 2 W_d W_e Sigma W_e^T is 3x2: combine() throws for k < d (shape and random probes);
        // for W_e = W_d = I (2x2) both formulas give -2 Sigma + 2 Sigma = 0.
        assertWrongScores();
        String out = wrong().output("dec-grad-check");
        assertTrue(out.contains("FAIL shape d x k") && out.contains("PASS square case"), out);
    }

    @Test
    void theSeedsTiedGradientKeepsOnlyTheEigenvectorAlignedProbe() throws Exception {
        // -4 W Sigma + 4 W W^T W Sigma equals the gradient where W^T W commutes with Sigma: W = (1, 1) and
        // Sigma = [[2, 1], [1, 2]] (both give (12, 12)), but not at the random W and Sigma (2 points lost).
        assertWrongScores();
        assertTrue(wrong().output("tied-grad-check").contains("FAIL random W"), wrong().output("tied-grad-check"));
    }

    @Test
    void theSmallestEigenvectorsPassOnlyWhenAllComponentsAreKept() throws Exception {
        // seed example 1: (1,-1)/sqrt(2) gives 0 instead of 5; the 6x3 data with k = 1, 2 fail; k = d = 3 spans
        // everything, so the projector is I either way.
        assertWrongScores();
        assertTrue(wrong().output("pca-check").contains("PASS 6 x 3 data, k = d = 3"), wrong().output("pca-check"));
    }

    @Test
    void theLibrarysEncoderGradientEarnsNothingAndSaysWhy() throws Exception {
        assertWrongScores();
        assertTrue(wrong().output("enc-grad-check").contains("the solution uses aelab.linearae"),
                wrong().output("enc-grad-check"));
    }

    @Test
    void theSeedsQuiz5AnswerDLosesTheQuizPoint() throws Exception {
        // tr(Sigma) - tr(P Sigma) (C) equals the loss (A) only for orthogonal projections P: A, not "A and C"
        assertWrongScores();
    }
}

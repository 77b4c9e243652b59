package aelab.grade;

import static aelab.grade.SheetSubmissions.VAE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Sheet 04 (VAE: KL, sampler, ELBO, IWAE): the solution earns full marks, the untouched exercise 0, and the two
 * wrong submissions ({@link WrongAnswers#vaeA}, {@link WrongAnswers#vaeB}) lose exactly the points worked out
 * below from the probe inputs.
 */
class VaeSheetGradingIT {
    private static final double MAX = 29;

    private static SubmissionResult wrongA() throws Exception {
        return SheetSubmissions.result(VAE, "wrong-a");
    }

    private static SubmissionResult wrongB() throws Exception {
        return SheetSubmissions.result(VAE, "wrong-b");
    }

    /** KL with the wrong sign, variance in the sampler, KL added in the ELBO, naive IWAE, quiz 4 answered A. */
    private static void assertWrongAScores() throws Exception {
        SheetSubmissions.assertScores(wrongA(), MAX, "kl-check", 1, "reparam-check", 1, "elbo-check", 1,
                "iwae-check", 2, "gelbo-check", 3, "gauss-ll-check", 2, "pathwise-check", 3, "quiz1-check", 1,
                "quiz2-check", 1, "quiz3-check", 1, "quiz4-check", 0, "quiz5-check", 1, "quiz6-check", 1);
        assertEquals(18, wrongA().score(), 1e-12);
    }

    /**
     * KL without the 1/2, ELBO through the library's KL, IWAE as the mean of the logs, ELBO(m, v) without v,
     * pathwise gradient without the 1/2 of dz/dlogVar.
     */
    private static void assertWrongBScores() throws Exception {
        SheetSubmissions.assertScores(wrongB(), MAX, "kl-check", 1, "reparam-check", 3, "elbo-check", 0,
                "iwae-check", 1, "gelbo-check", 0, "gauss-ll-check", 2, "pathwise-check", 1, "quiz1-check", 1,
                "quiz2-check", 1, "quiz3-check", 1, "quiz4-check", 1, "quiz5-check", 1, "quiz6-check", 1);
        assertEquals(14, wrongB().score(), 1e-12);
    }

    @Test
    void theSolutionEarnsFullMarks() throws Exception {
        SheetSubmissions.assertSolutionEarnsFullMarks(VAE, MAX, "kl-check", 4, "reparam-check", 3, "elbo-check", 4,
                "iwae-check", 4,
                "gelbo-check", 3, "gauss-ll-check", 2, "pathwise-check", 3, "quiz1-check", 1, "quiz2-check", 1,
                "quiz3-check", 1, "quiz4-check", 1, "quiz5-check", 1, "quiz6-check", 1);
    }

    @Test
    void theUntouchedExerciseEarnsZeroAndSaysNotImplemented() throws Exception {
        SheetSubmissions.assertExerciseEarnsZero(VAE, MAX, "kl-check", "elbo-check");
    }

    @Test
    void aKlWithTheWrongSignKeepsOnlyTheZeroProbe() throws Exception {
        // -2.5, -1.125, ... instead of 2.5, 1.125, ...; only KL(p || p) = 0 survives
        assertWrongAScores();
        assertTrue(wrongA().output("kl-check").contains("returned -2.5: the sign is wrong hint: "), wrongA().output("kl-check"));
    }

    @Test
    void aKlWithoutTheHalfKeepsOnlyTheZeroProbe() throws Exception {
        // 5 instead of 2.5 and so on
        assertWrongBScores();
        assertTrue(wrongB().output("kl-check").contains("returned 5.0: not within the tolerance of the expected value hint: "), wrongB().output("kl-check"));
    }

    @Test
    void theVarianceInTheSamplerPassesOnlyWhereSigmaIsOne() throws Exception {
        // logVar = 0: exp(0) = exp(0/2) = 1 (passes); sigma^2 = 4: 0.5 + 4 * 1.5 = 6.5 != 3.5; 3-D case fails
        assertWrongAScores();
        assertTrue(wrongA().output("reparam-check").contains("returned 6.5: not within the tolerance of the expected value"),
                wrongA().output("reparam-check"));
    }

    @Test
    void anElboWithTheKlAddedPassesOnlyWhereTheKlIsZero() throws Exception {
        // q = p (KL = 0) passes; the three probes with KL > 0 fail
        assertWrongAScores();
    }

    @Test
    void anElboThroughTheLibrarysKlEarnsNothingAndSaysWhy() throws Exception {
        assertWrongBScores();
        assertTrue(wrongB().output("elbo-check").contains("the solution uses aelab.gaussian"),
                wrongB().output("elbo-check"));
    }

    @Test
    void anIwaeWithoutLogSumExpFailsOnLargeAndVerySmallLogWeights() throws Exception {
        // exp(1000) = Infinity and exp(-1000) = 0 (log 0 = -Infinity); the moderate probes pass
        assertWrongAScores();
        String out = wrongA().output("iwae-check");
        assertTrue(out.contains("FAIL large log-weights") && out.contains("returned Infinity"), out);
        assertTrue(out.contains("FAIL very negative log-weights") && out.contains("returned -Infinity"), out);
    }

    @Test
    void anIwaeAveragingTheLogsPassesOnlyWithEqualWeights() throws Exception {
        // mean(0, log 3) = 0.549 != log 2; the large and small probes are shifted by the same gap
        assertWrongBScores();
    }

    @Test
    void aClosedFormElboWithoutTheVarianceOfQFailsEverywhere() throws Exception {
        // every probe has v > 0, so dropping v / (2 s^2) changes every value
        assertWrongBScores();
    }

    @Test
    void aPathwiseGradientWithoutTheHalfFailsBothLogVarProbes() throws Exception {
        // d/dmu = 3 passes; d/dlogVar = 8 instead of 4 and 1.5 instead of 0.75
        assertWrongBScores();
        assertTrue(wrongB().output("pathwise-check").contains("returned 8.0: not within the tolerance of the expected value"),
                wrongB().output("pathwise-check"));
    }

    @Test
    void betaToZeroAnsweredPosteriorCollapseLosesTheQuizPoint() throws Exception {
        // as beta -> 0 the KL penalty vanishes and q moves AWAY from the prior; collapse is the large-beta limit
        assertWrongAScores();
    }

    @Test
    void aKlReachedThroughUnicodeEscapesEarnsNothingForTheElboOnly() throws Exception {
        SubmissionResult r = SheetSubmissions.result(VAE, "disguised-library");
        SheetSubmissions.assertScores(r, MAX, "kl-check", 4, "reparam-check", 3, "elbo-check", 0, "iwae-check", 4,
                "gelbo-check", 3, "gauss-ll-check", 2, "pathwise-check", 3, "quiz1-check", 1, "quiz2-check", 1,
                "quiz3-check", 1, "quiz4-check", 1, "quiz5-check", 1, "quiz6-check", 1);
        assertTrue(r.output("elbo-check").contains("reaches aelab.elbo, aelab.gaussian or aelab.loss"),
                r.output("elbo-check"));
    }
}

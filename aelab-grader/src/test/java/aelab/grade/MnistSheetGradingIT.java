package aelab.grade;

import static aelab.grade.SheetSubmissions.MNIST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sheet 05 (a VAE on MNIST: batch sampler, KL, KL gradient inside a training step, IWAE estimate): the solution
 * earns full marks, the untouched exercise 0, the two wrong submissions ({@link WrongAnswers#mnistA},
 * {@link WrongAnswers#mnistB}) lose exactly the points worked out below from the probe inputs, and every
 * data-dependent probe's tolerance is the floating-point error bound derived for its inputs (within a factor 10),
 * with the solution equal to the course library on the same inputs within that bound.
 */
class MnistSheetGradingIT {
    private static final double MAX = 15;

    private static SubmissionResult wrongA() throws Exception {
        return SheetSubmissions.result(MNIST, "wrong-a");
    }

    private static SubmissionResult wrongB() throws Exception {
        return SheetSubmissions.result(MNIST, "wrong-b");
    }

    /**
     * Variance in the sampler, KL with logVar taken as sigma, KL gradient with both signs flipped, naive IWAE, the
     * quiz answered A (L_64 and L_1 both estimate the ELBO).
     */
    private static void assertWrongAScores() throws Exception {
        SheetSubmissions.assertScores(wrongA(), MAX, "sampler-check", 1, "kl-check", 0, "klgrad-check", 0,
                "iwae-check", 3, "quiz1-check", 0);
        assertEquals(4, wrongA().score(), 1e-12);
    }

    /** logVar taken as sigma in the sampler, the library's KL, d/dsigma for d/dlogVar, IWAE without -log K. */
    private static void assertWrongBScores() throws Exception {
        SheetSubmissions.assertScores(wrongB(), MAX, "sampler-check", 0, "kl-check", 0, "klgrad-check", 2,
                "iwae-check", 1, "quiz1-check", 1);
        assertEquals(4, wrongB().score(), 1e-12);
    }

    @Test
    void theSolutionEarnsFullMarks() throws Exception {
        SheetSubmissions.assertSolutionEarnsFullMarks(MNIST, MAX, "sampler-check", 3, "kl-check", 2,
                "klgrad-check", 4, "iwae-check", 5, "quiz1-check", 1);
    }

    @Test
    void theUntouchedExerciseEarnsZeroAndSaysNotImplemented() throws Exception {
        SheetSubmissions.assertExerciseEarnsZero(MNIST, MAX, "sampler-check", "kl-check", "klgrad-check",
                "iwae-check");
    }

    @Test
    void theVarianceInTheSamplerPassesOnlyWhereSigmaIsOne() throws Exception {
        // sigma^2 = 9: 0.5 + 9 * 1.5 = 14 != 5; logVar = 0 passes (exp(0) = exp(0/2)); the MNIST batch fails
        assertWrongAScores();
        assertTrue(wrongA().output("sampler-check").contains("returned 14.0"), wrongA().output("sampler-check"));
    }

    @Test
    void logVarTakenAsSigmaFailsEverySamplerProbe() throws Exception {
        // logVar = 0 now means sigma = 0 (z = mu = -1, not 1); sigma = ln 9 and the MNIST batch are wrong too
        assertWrongBScores();
        assertTrue(wrongB().output("sampler-check").contains("returned -1.0"), wrongB().output("sampler-check"));
    }

    @Test
    void aKlWithSigmaForLogSigmaSquaredEarnsNothing() throws Exception {
        // logVar = 0: log(0^2) = -Infinity, so the KL is Infinity; the MNIST logVars (negative) give a wrong value
        assertWrongAScores();
        assertTrue(wrongA().output("kl-check").contains("returned Infinity"), wrongA().output("kl-check"));
    }

    @Test
    void theLibrarysKlEarnsNothingAndSaysWhy() throws Exception {
        assertWrongBScores();
        assertTrue(wrongB().output("kl-check").contains("the solution uses aelab.gaussian"),
                wrongB().output("kl-check"));
    }

    @Test
    void aKlGradientWithTheWrongSignLosesEveryPointIncludingTheTrainingStep() throws Exception {
        // d/dmu = 2 instead of -2, d/dlogVar = -4 instead of 4, and both heads' steps go the wrong way
        assertWrongAScores();
        String out = wrongA().output("klgrad-check");
        assertTrue(out.contains("returned 2.0") && out.contains("FAIL MNIST training step: new mean-head bias")
                && out.contains("FAIL MNIST training step: new log-variance-head bias"), out);
    }

    @Test
    void aKlGradientWithRespectToSigmaKeepsOnlyTheMeanParts() throws Exception {
        // sigma - 1/sigma = 3 - 1/3 at sigma^2 = 9 instead of (9 - 1)/2 = 4; d/dmu and the mean head's step pass
        assertWrongBScores();
        String out = wrongB().output("klgrad-check");
        assertTrue(out.contains("returned 2.666666666666667") && out.contains("PASS MNIST training step: new mean-head")
                && out.contains("FAIL MNIST training step: new log-variance-head bias"), out);
    }

    @Test
    void aNaiveIwaeLosesExactlyTheTwoLargeLogWeightProbes() throws Exception {
        // MNIST log-weights (about -180 nats) do not overflow, so K = 1 and K = 64 pass; +-1000 give +-Infinity
        assertWrongAScores();
        String out = wrongA().output("iwae-check");
        assertTrue(out.contains("FAIL log-weights near -1000") && out.contains("returned -Infinity"), out);
        assertTrue(out.contains("FAIL log-weights near +1000") && out.contains("returned Infinity"), out);
        assertTrue(out.contains("PASS MNIST, K = 64"), out);
    }

    @Test
    void anIwaeWithoutTheMinusLogKPassesOnlyForOneSample() throws Exception {
        // log 4 instead of log 2, K = 64 off by log 64, +-1000 off by log 2; K = 1 has log K = 0
        assertWrongBScores();
        String out = wrongB().output("iwae-check");
        assertTrue(out.contains("PASS MNIST, K = 1") && out.contains("FAIL MNIST, K = 64"), out);
    }

    @Test
    void theQuizAnsweredWithTheElboForBothLosesItsPoint() throws Exception {
        // E[L_64] exceeds E[L_1] by many standard errors on the trained model (the solution's explanation cell)
        assertWrongAScores();
    }

    /** Probe name of each data-dependent probe, by the name the tolerance script reports it under. */
    private static final Map<String, String> DATA_PROBES = new LinkedHashMap<>();

    static {
        DATA_PROBES.put("sampler", "MNIST: 16 test digits, fixed noise");
        DATA_PROBES.put("kl", "MNIST: q(z|x) of test digit 5");
        DATA_PROBES.put("step_mu", "MNIST training step: new mean-head bias");
        DATA_PROBES.put("step_logvar", "MNIST training step: new log-variance-head bias");
        DATA_PROBES.put("iwae1", "MNIST, K = 1: the one-sample ELBO estimate");
        DATA_PROBES.put("iwae64", "MNIST, K = 64");
    }

    /**
     * Runs the solution's cells, then {@code sheet05-tolerances.jsh}: for every probe whose expected value comes from
     * the instructor's run, the error bound derived from its inputs must lie in [tol / 10, tol], and the solution
     * must equal the course library (DiagonalGaussian sampling, GaussianKl, the library's SGD step, Elbo.monteCarlo
     * and Elbo.iwae on the same noise) within that bound.
     */
    @Test
    void everyDataProbeToleranceIsItsDerivedErrorBoundAndTheSolutionMatchesTheLibrary() throws Exception {
        Notebook nb = SheetSubmissions.solution(MNIST);
        Map<String, Probe> probes = new LinkedHashMap<>();
        for (GradeItem g : Assignment.read(SheetSubmissions.solutionPath(MNIST)).items()) {
            for (Probe p : g.probes()) {
                probes.put(p.name(), p);
            }
        }
        String report;
        try (Sandbox box = new Sandbox(SheetSubmissions.LIMITS, Sandbox.defaultClasspath(),
                new CappedOutput(1 << 16))) {
            for (Cell c : nb.cells()) {
                if (c.isCode()) {
                    Sandbox.CellResult r = box.evalCell(c.source(), 60_000);
                    assertEquals(List.of(), r.problems, c.describe());
                }
            }
            Sandbox.CellResult r = box.evalCell(
                    Files.readString(Path.of("aelab-grader/src/test/resources/sheet05-tolerances.jsh")), 120_000);
            assertEquals(List.of(), r.problems, "tolerance script");
            report = JavaLiterals.unquote(r.lastValue, '"');
        }
        Map<String, double[]> rows = new LinkedHashMap<>();
        for (String line : report.strip().split("\n")) {
            String[] f = line.trim().split(" ");
            double[] v = new double[f.length - 1];
            for (int i = 1; i < f.length; i++) {
                v[i - 1] = Double.parseDouble(f[i]);
            }
            rows.put(f[0], v);
        }
        for (Map.Entry<String, String> e : DATA_PROBES.entrySet()) {
            double[] v = rows.get(e.getKey());
            Probe p = probes.get(e.getValue());
            assertTrue(v != null && p != null, e + " in " + report);
            assertEquals(null, p.expected(), e.getValue() + ": expected value from the instructor's run");
            double bound = v[0];
            assertTrue(bound > 0 && bound <= p.tol() && p.tol() <= 10 * bound,
                    e.getValue() + ": derived bound " + bound + ", tol " + p.tol());
            assertEquals(0, p.rtol(), e.getValue() + ": absolute tolerance only");
            assertTrue(v[1] <= bound, e.getValue() + ": |solution - library| = " + v[1] + " > bound " + bound);
        }
        assertTrue(rows.get("step")[0] <= 1, "the step with the solution's KL gradient vs the library's SGD step, "
                + "worst |difference| / bound = " + rows.get("step")[0]);
    }
}

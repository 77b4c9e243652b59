/**
 * Test support shared by every package's tests: {@link aelab.testing.Rejects} (bad-input assertions on the message),
 * {@link aelab.testing.MonteCarloMean} (sample mean with a CLT standard error) and
 * {@link aelab.testing.ReferenceFile} (reference values written by the Python scripts in
 * aelab-core/src/test/resources/reference/).
 */
package aelab.testing;

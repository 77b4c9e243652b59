/**
 * Executable checks for notebooks and handouts. A check that holds returns a one-line report (the last expression of
 * a notebook cell shows it); a check that fails throws {@link aelab.check.CheckFailedException}, which stops the
 * handouts build with the notebook and cell named. {@link aelab.check.FiniteDifferences} is the formula-free
 * reference that analytic gradients (library, tests, notebooks) are compared with.
 */
package aelab.check;

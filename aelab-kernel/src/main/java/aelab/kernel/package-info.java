/**
 * The Java Jupyter kernel of the course notebooks.
 *
 * <ul>
 *   <li>{@link aelab.kernel.AelabKernel} — the default kernel: the Jupyter protocol of JJava's
 *       {@code jjava-jupyter}, cells evaluated by JShell in a separate execution JVM that Stop can always end
 *       (interrupt, then JShell's stop, then a new JVM with the earlier snippets evaluated again), IJava's notebook
 *       API ({@code display}, the last expression's value rendered as PNG or plain text), quiet logs.</li>
 * </ul>
 */
package aelab.kernel;

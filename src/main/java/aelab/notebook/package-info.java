/**
 * Support for running the course notebooks in a Java Jupyter kernel.
 *
 * <ul>
 *   <li>{@link aelab.notebook.ReliableKernelLauncher} — the entry point of the {@code java} kernelspec for
 *       rapaio-jupyter-kernel 3.0.1: starts rapaio in-process and repairs its start-up race (a channel loop thread
 *       that exits before its {@code running} flag is set, after which the kernel never answers
 *       {@code kernel_info}).</li>
 *   <li>{@link aelab.notebook.LoopThreadRepair} — the reflection-based detection and repair of such dead loops.</li>
 *   <li>{@link aelab.notebook.Json} and {@link aelab.notebook.CommittedNotebooks} — a minimal JSON reader and the
 *       rule that committed notebooks carry no outputs and no execution counts.</li>
 * </ul>
 */
package aelab.notebook;

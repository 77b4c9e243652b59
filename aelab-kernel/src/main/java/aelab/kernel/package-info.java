/**
 * Support for running the course notebooks in a Java Jupyter kernel.
 *
 * <ul>
 *   <li>{@link aelab.kernel.ReliableKernelLauncher} — the entry point of the {@code java} kernelspec for
 *       rapaio-jupyter-kernel 3.0.1: starts rapaio in-process and repairs its start-up race (a channel loop thread
 *       that exits before its {@code running} flag is set, after which the kernel never answers
 *       {@code kernel_info}).</li>
 *   <li>{@link aelab.kernel.LoopThreadRepair} — the reflection-based detection and repair of such dead loops.</li>
 * </ul>
 */
package aelab.kernel;

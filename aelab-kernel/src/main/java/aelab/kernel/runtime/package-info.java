/**
 * The part of the aelab kernel that runs inside the execution JVM, next to the students' cells:
 * {@link aelab.kernel.runtime.Display} (IJava's notebook API: {@code display(x)}, {@code updateDisplay(id, x)}, and
 * the rendering of a cell's last value) and {@link aelab.kernel.runtime.Agent} (the control connection to the kernel:
 * interrupts, and halting when the kernel is gone). Depends on nothing but the JDK.
 */
package aelab.kernel.runtime;

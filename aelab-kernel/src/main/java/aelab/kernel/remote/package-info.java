/**
 * The class the execution JVM starts with: JShell's remote agent on a socket without Nagle's delay
 * ({@link aelab.kernel.remote.NoDelayRemoteAgent}). It is copied alone onto the execution JVM's class path, so the
 * rest of the kernel stays off it.
 */
package aelab.kernel.remote;

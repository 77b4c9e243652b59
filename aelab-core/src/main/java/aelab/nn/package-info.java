/**
 * Building blocks of networks with hand-written backpropagation: element-wise {@link aelab.nn.Activation}s, the
 * affine {@link aelab.nn.DenseLayer} \(Y = XW + b\) (rows of X are samples), the multi-layer perceptron
 * {@link aelab.nn.Mlp}, and {@link aelab.nn.GradientCheck} (central finite differences) to verify them;
 * {@link aelab.nn.FloatRowOps} has the float twins (on EJML's {@code FMatrixRMaj}) of the bias-row and ReLU
 * operations, for training on float storage.
 *
 * <p>Layout: a batch is an n×d {@code DMatrixRMaj} with one sample per row. Every matrix product goes through
 * {@link aelab.linalg.Gemm}. Forward/backward write into buffers that are allocated once and reshaped (EJML's
 * {@code reshape} reuses storage when a batch is smaller, e.g. the last partial batch), so a training loop allocates
 * nothing per step once the largest batch has been seen. Objects holding workspaces are not thread-safe.
 */
package aelab.nn;

"""Reference values for aelab.data.Digits, computed independently with scikit-learn's load_digits.

Run with Debian's interpreter (it has sklearn):
    /usr/bin/python3 aelab-core/src/test/resources/reference/digits_reference.py > aelab-core/src/test/resources/reference/digits_reference.csv

Output (CSV, one record per line, no header):
    shape,<rows>,<cols>
    label_count,<digit>,<count>                      (10 lines)
    first_image,<64 values of X[0] / 16>             (row-major 8x8)
    first_label,<y[0]>
    row,<i>,<label>,<sum_j X[i,j]/16>,<sum_j (j+1) X[i,j]/16>   (1797 lines)
"""
import numpy as np
import sklearn
from sklearn.datasets import load_digits

d = load_digits()
X = d.data.astype(np.float64) / 16.0
y = d.target
print("# sklearn %s" % sklearn.__version__)
print("shape,%d,%d" % X.shape)
for digit in range(10):
    print("label_count,%d,%d" % (digit, int(np.sum(y == digit))))
print("first_image," + ",".join(repr(float(v)) for v in X[0]))
print("first_label,%d" % y[0])
weights = np.arange(1, X.shape[1] + 1, dtype=np.float64)
for i in range(X.shape[0]):
    print("row,%d,%d,%r,%r" % (i, y[i], float(X[i].sum()), float(X[i] @ weights)))

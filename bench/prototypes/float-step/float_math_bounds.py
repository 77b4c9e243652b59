"""First-order a-priori error bounds of aelab.linalg.FloatMath's fast domains, in ulps of the float result.

Every rounded operation v of the scalar code contributes half an ulp of v (float) times |dy/dv| (y's sensitivity to
v, first order); the polynomials' own errors (sup over the reduced interval, computed with mpmath) and the constants'
representation errors are added. The bound at x is that sum over ulp(y), maximised over a sweep of x (every 1024th
float of the fast domain parts that matter: the reduced argument's whole range is covered many times over).
Run: python3 float_math_bounds.py
"""
import numpy as np

F = np.float32
HALF = lambda v: np.spacing(np.abs(v).astype(F)).astype(np.float64) / 2  # half an ulp of a float


def floats(lo, hi, stride):
    b = np.arange(0, np.float32(max(abs(lo), abs(hi))).view(np.int32), stride, dtype=np.int64).astype(np.int32)
    v = b.view(F)
    v = np.concatenate([v, -v])
    return v[(v >= lo) & (v <= hi)]


def exp_bound():
    x = floats(-87, 88, 1024)
    LOG2E, SHIFT, C1, C2 = F(1.44269504088896341), F(12582912.0), F(0.693359375), F(-2.12194440e-4)
    P = [F(v) for v in (1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1,
                        5.0000001201e-1)]
    n = ((x.astype(np.float64) * float(LOG2E) + float(SHIFT)).astype(F) - SHIFT).astype(np.float64)
    r1 = (x - n * float(C1)).astype(F).astype(np.float64)  # exact
    r2 = (-n * float(C2)).astype(F).astype(np.float64)
    r = (r1 + r2).astype(F).astype(np.float64)
    qs = [np.full_like(r, float(P[0]))]
    for c in P[1:]:
        qs.append((qs[-1] * r + float(c)).astype(F).astype(np.float64))
    q = qs[-1]
    rr = (r * r).astype(F).astype(np.float64)
    a = (rr * q + r2).astype(F).astype(np.float64)
    h = (1 + r1).astype(F).astype(np.float64)
    eh = r1 - (h - 1)
    b = (eh + a).astype(F).astype(np.float64)
    p = (h + b).astype(F).astype(np.float64)
    err = HALF(a) + HALF(b) + HALF(rr) * np.abs(q) + HALF(r) * np.abs(np.expm1(r)) + HALF(r2) * p
    # q's roundings: stage j's error reaches q multiplied by r^(5 - j), then y by r^2
    for j in range(1, 6):
        err += HALF(qs[j]) * np.abs(r) ** (5 - j) * rr
    err += p * 2.0 ** -28.46 + np.abs(n) * 2.0 ** -39.14 * p  # polynomial; C1 + C2 - ln2
    ulp = np.spacing(p.astype(F)).astype(np.float64)
    ulp = np.where(p < 1, 2.0 ** -24, ulp)  # p's binade
    bound = 0.5 + err / ulp
    i = np.argmax(bound)
    return bound[i], x[i]


def log1p_bound():
    x = floats(-1, 2.0 ** 24, 1024)
    x = x[(x > -1) & (np.abs(x) >= 2.0 ** -25) & (x < 2.0 ** 24)]
    LN2_HI, LN2_LO = F(6.9313812256e-01), F(9.0580006145e-06)
    LG = [F(0xaaaaaa * 2.0 ** -24), F(0xccce13 * 2.0 ** -25), F(0x91e9ee * 2.0 ** -25), F(0xf89e26 * 2.0 ** -26)]
    u = (F(1) + x)
    k0 = (u >= F(np.int32(0x3f3504f3).view(F))) & (u < F(np.int32(0x3fb504f3).view(F)))
    ix = u.view(np.int32) + np.int32(0x3f800000 - 0x3f3504f3)
    k = np.where(k0, 0, (ix >> 23) - 127).astype(np.float64)
    fr = ((ix & 0x007fffff) + 0x3f3504f3).astype(np.int32).view(F) - F(1)
    f = np.where(k0, x, fr).astype(np.float64)
    x64, u64 = x.astype(np.float64), u.astype(np.float64)
    cnum = x64 - (u64 - 1)  # exact
    c = np.where(k0, 0, (cnum / u64).astype(F).astype(np.float64))
    den = (2 + f).astype(F).astype(np.float64)
    s = (f / den).astype(F).astype(np.float64)
    z = (s * s).astype(F).astype(np.float64)
    w = (z * z).astype(F).astype(np.float64)
    t3 = (w * float(LG[2])).astype(F).astype(np.float64)
    t13 = (t3 + float(LG[0])).astype(F).astype(np.float64)
    zt = (z * t13).astype(F).astype(np.float64)
    t4 = (w * float(LG[3])).astype(F).astype(np.float64)
    t24 = (t4 + float(LG[1])).astype(F).astype(np.float64)
    wt = (w * t24).astype(F).astype(np.float64)
    R = (zt + wt).astype(F).astype(np.float64)
    hfsq = (0.5 * f * f).astype(F).astype(np.float64)
    P = (hfsq + R).astype(F).astype(np.float64)
    sP = (s * P).astype(F).astype(np.float64)
    kl = (k * float(LN2_LO)).astype(F).astype(np.float64)
    kc = (kl + c).astype(F).astype(np.float64)
    A = (sP + kc).astype(F).astype(np.float64)
    lo = (A - hfsq).astype(F).astype(np.float64)
    khi = k * float(LN2_HI)
    hi = (khi + f).astype(F).astype(np.float64)
    ehi = f - (hi - khi)
    le = (lo + ehi).astype(F).astype(np.float64)
    y = (hi + le).astype(F).astype(np.float64)
    dyds = np.abs(P) + np.abs(s) * (4 * np.abs(s) * float(LG[0]))  # P + s·dR/ds (R ≈ Lg1·s², Lg1·... ≤ 4/3·s·…)
    err = (HALF(le) + HALF(lo) + HALF(A) + HALF(kc) + HALF(kl) + HALF(sP) + HALF(P) * np.abs(s)
           + HALF(hfsq) * np.abs(1 - s) + (HALF(s) + HALF(den) * np.abs(s / den)) * dyds
           + np.abs(s) * (HALF(R) + HALF(zt) + HALF(wt) + HALF(t13) * z + HALF(t24) * w + HALF(t3) * z
                          + HALF(t4) * w * w + HALF(z) * 2 * float(LG[0]) + HALF(w) * 2 * float(LG[1]))
           + np.where(k0, 0, HALF(c) + (c / u64) ** 2 / 2)
           + np.abs(s) * 2.0 ** -34.2 + np.abs(k) * 2.0 ** -40.3)
    ulp = np.spacing(np.abs(y).astype(F)).astype(np.float64)
    bound = 0.5 + err / ulp
    i = np.argmax(bound)
    return bound[i], x[i]


if __name__ == "__main__":
    print("exp   max first-order bound %.4f ulp at x = %r" % exp_bound())
    print("log1p max first-order bound %.4f ulp at x = %r" % log1p_bound())

#!/usr/bin/env python3
"""Reference values at extreme but finite inputs, computed once with mpmath (60 digits).

The printed numbers are stored in Tests/LossEngineTests/Distributions/ExtremeInputTests.swift;
this script documents where they come from. Run: python3 Benchmarks/engine/mpmath_extremes.py
"""
from mpmath import mp, mpf, log, loggamma, log1p, exp, cos, besseli, pi, digamma

mp.dps = 60


def show(name, value):
    print(f"{name} = {mp.nstr(value, 17)}")


def student_t_logpdf(x, df, loc, scale):
    # 400 digits: at df = 1e308 the two log-gammas are ~1e310 and agree in 309 digits.
    with mp.workdps(400):
        x, df, loc, scale = mpf(x), mpf(df), mpf(loc), mpf(scale)
        z = (x - loc) / scale
        return +(loggamma((df + 1) / 2) - loggamma(df / 2) - log(df * pi) / 2 - log(scale)
                 - (df + 1) / 2 * log1p(z * z / df))


def student_t_nll_gradient(x, df, loc, scale):
    """d(-log p)/d(loc, scale, df) from the closed forms, at 400 digits."""
    with mp.workdps(400):
        x, df, loc, scale = mpf(x), mpf(df), mpf(loc), mpf(scale)
        z = (x - loc) / scale
        z2 = z * z
        d_loc = (df + 1) * z / (scale * (df + z2))
        d_scale = -1 / scale + (df + 1) * z2 / (scale * (df + z2))
        d_df = (digamma((df + 1) / 2) - digamma(df / 2) - 1 / df) / 2 - log1p(z2 / df) / 2 \
            + (df + 1) * z2 / (2 * df * (df + z2))
        return (+(-d_loc), +(-d_scale), +(-d_df))


def log_i0(k):
    # log I0 for huge k from the asymptotic series (besseli overflows nothing in mpmath, but is slow).
    if k < 1e5:
        return log(besseli(0, k))
    s, term = mpf(1), mpf(1)
    for j in range(1, 30):
        term *= (2 * j - 1) ** 2 / (j * 8 * k)
        s += term
    return k - log(2 * pi * k) / 2 + log(s)


def poisson_logpmf(k, lam):
    return k * log(lam) - lam - loggamma(k + 1)


def gamma_logpdf(x, a, b):
    return a * log(b) + (a - 1) * log(x) - b * x - loggamma(a)


# log-softmax / cross entropy / Plackett-Luce at logits [1e16, 1e16]: exactly -log 2.
show("log2", log(2))
# A confidently right row: logits [40, 0, 0], class 0: -log p0 = log(1 + 2e^-40).
show("ce_confident_40", log1p(2 * exp(-40)))
show("ce_confident_40_grad_y", -(2 * exp(-40)) / (1 + 2 * exp(-40)))

# Student's t.
for x, df in [(mpf("0.5"), mpf("1e8")), (mpf(0), mpf("1e15")), (mpf(1), mpf("1e308")), (mpf(2), mpf(25)), (mpf(2), mpf(19))]:
    show(f"student_t_logpdf x={x} df={mp.nstr(df, 3)}", student_t_logpdf(x, df, 0, 1))
x, df = mpf("1e160"), mpf(3)
show("student_t_nll residual 1e160 df 3", -student_t_logpdf(x, df, 0, 1))
for x, df in [(mpf("1e160"), mpf(3)), (mpf("0.5"), mpf("1e8")), (mpf("1.5"), mpf(40)), (mpf("1.5"), mpf(7))]:
    g = student_t_nll_gradient(x, df, 0, 1)
    show(f"  student_t nll gradient x={mp.nstr(x, 3)} df={mp.nstr(df, 3)} (loc, scale, df)", g[0])
    show("   ", g[1])
    show("   ", g[2])

# Laplace and von Mises near the largest double.
show("laplace_logpdf x=0 scale 1e308", -log(2 * mpf("1e308")))
k = mpf("1e308")
show("von_mises_nll kappa 1e308 angle 1", log(2 * pi) + log_i0(k) - k * cos(1))
k = mpf("1e5")
show("von_mises_nll kappa 1e5 angle 0.01", log(2 * pi) + log_i0(k) - k * cos(mpf("0.01")))

# Poisson and gamma at large rates.
for kk, lam in [(mpf("1e15"), mpf("1e15")), (mpf("1e10") + 1e5, mpf("1e10")), (mpf(3), mpf("1e-300")), (mpf(20), mpf("17.5"))]:
    show(f"poisson_logpmf k={mp.nstr(kk, 12)} rate={mp.nstr(lam, 3)}", poisson_logpmf(kk, lam))
show("gamma_logpdf x=1e15 a=1e15 b=1", gamma_logpdf(mpf("1e15"), mpf("1e15"), 1))
show("gamma_logpdf x=3 a=2.5 b=0.7", gamma_logpdf(mpf(3), mpf("2.5"), mpf("0.7")))

#!/usr/bin/env python3
"""Fits R(z) = sum_k 2 z^k/(2k + 1) (log((1 + s)/(1 - s)) = 2s + s*R(s^2)) on z in [0, 0.04]
by a degree-8 polynomial (mpmath chebyfit of R(z)/z, degree 7), rounds the coefficients to
doubles, and prints them with the largest relative error they cause in log m = 2s + s*R
(|delta R|/2). These are the coefficients of VectorMath.logMantissa.

Usage: python3 Benchmarks/engine/log_fit.py  (needs mpmath)"""
import mpmath as mp

mp.mp.dps = 50
Z_MAX = mp.mpf('0.04')


def r_over_z(z):
    if z == 0:
        return mp.mpf(2) / 3
    s = mp.sqrt(z)
    return (mp.log((1 + s) / (1 - s)) - 2 * s) / s / z


coefficients, _ = mp.chebyfit(r_over_z, [0, Z_MAX], 8, error=True)
doubles = [float(c) for c in coefficients][::-1]   # z^1 … z^8 of R
worst = 0
for z in mp.linspace(0, Z_MAX, 4001):
    p = sum(mp.mpf(c) * z ** j for j, c in enumerate(doubles))
    worst = max(worst, abs((p - r_over_z(z)) * z / 2))
for j, c in enumerate(doubles):
    print('z^%d: %r' % (j + 1, c))
print('largest relative error in log m from the fit: %s (%s of 2^-53)' % (mp.nstr(worst, 3), mp.nstr(worst * 2 ** 53, 3)))

#!/usr/bin/env python3
"""Times numpy on the same three value+gradient computations as engine-bench and prints
ns/element for both and the ratio numpy/engine (> 1 means the engine is faster).

The two are run alternately for several rounds (the machine is shared and noisy) and each
side keeps its best time.

Usage: numpy_bench.py ENGINE_BENCH_BINARY [REPEATS] [ROUNDS]
"""
import json
import subprocess
import sys
import time

import numpy as np


def best(repeats, fn):
    t = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter_ns()
        fn()
        t = min(t, time.perf_counter_ns() - t0)
    return t


def main():
    binary = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    rng = np.random.default_rng(7)
    n = 1_000_000
    x = rng.standard_normal(n) * 3
    y = rng.standard_normal(n)
    bits = (rng.random(n) < 0.5).astype(np.float64)
    rows, k = 100_000, 10
    logits = rng.standard_normal((rows, k)) * 2
    labels = rng.integers(0, k, rows)
    idx = np.arange(rows)

    def mse():
        a = x - y
        v = np.mean(a * a)
        g = (2.0 / n) * a
        return v, g

    def bce():
        e = np.exp(-np.abs(x))
        v = np.mean(np.maximum(x, 0) - x * y + np.log1p(e))
        r = 1.0 / (1.0 + e)
        sig = np.where(x >= 0, r, e * r)
        g = (sig - bits) / n
        return v, g

    def ce():
        m = logits.max(axis=1, keepdims=True)
        ex = np.exp(logits - m)
        s = ex.sum(axis=1, keepdims=True)
        lse = m[:, 0] + np.log(s[:, 0])
        v = np.mean(lse - logits[idx, labels])
        g = ex / s
        g[idx, labels] -= 1.0
        g /= rows
        return v, g

    engine, numpy_ns = {}, {}
    for _ in range(rounds):
        out = subprocess.run([binary, str(repeats)], check=True, capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.strip():
                r = json.loads(line)
                engine[r["loss"]] = min(engine.get(r["loss"], float("inf")), r["ns_per_element"])
        for name, fn, count in (("mse", mse, n), ("bce_with_logits", bce, n), ("cross_entropy", ce, rows * k)):
            numpy_ns[name] = min(numpy_ns.get(name, float("inf")), best(repeats, fn) / count)
    print(f"{'loss':<18}{'engine ns/elem':>16}{'numpy ns/elem':>16}{'numpy/engine':>14}")
    ok = True
    for name in ["mse", "bce_with_logits", "cross_entropy"]:
        e = engine.get(name, float("nan"))
        p = numpy_ns[name]
        ratio = p / e if e else float("nan")
        ok = ok and ratio >= 1
        print(f"{name:<18}{e:>16.3f}{p:>16.3f}{ratio:>14.2f}")
    print("engine at least as fast as numpy on every loss:", "yes" if ok else "no")


if __name__ == "__main__":
    main()

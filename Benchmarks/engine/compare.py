#!/usr/bin/env python3
"""Times LossEngine (engine-bench), numpy and JAX jit on the same value + gradient computations
and prints ns per element and the ratios. Float64 throughout (jax_enable_x64).

Each side keeps its best time over REPEATS calls, the sides alternating for ROUNDS rounds (the
machine is shared and noisy). JAX is timed under jax.jit(jax.value_and_grad(f)) after one
warm-up call, with block_until_ready. Pin the whole process with `taskset -c 0` for one core.

Usage: compare.py ENGINE_BENCH_BINARY [REPEATS] [ROUNDS] [BASELINE_BINARY]

With BASELINE_BINARY (an engine-bench built from an earlier commit), that binary is timed in the
same rounds, alternating with the others, and printed as "before" with its ratio to JAX: a
before/after comparison under the same load (its CPU time is printed).
"""
import json
import os
import subprocess
import sys
import resource
import time

import numpy as np

try:
    import jax
    import jax.numpy as jnp
    jax.config.update("jax_enable_x64", True)
except ImportError:  # numpy-only run
    jax = None

LOSSES = ["mse", "huber", "bce_with_logits", "focal", "cross_entropy", "gaussian_nll"]


def best(repeats, fn):
    """Best wall time, best CPU time of the process (every thread: XLA may run on its own) and
    the fewest minor page faults of one call, over `repeats` calls."""
    t, c, faults = float("inf"), float("inf"), float("inf")
    for _ in range(repeats):
        f0 = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        c0 = time.process_time_ns()
        t0 = time.perf_counter_ns()
        fn()
        t = min(t, time.perf_counter_ns() - t0)
        c = min(c, time.process_time_ns() - c0)
        faults = min(faults, resource.getrusage(resource.RUSAGE_SELF).ru_minflt - f0)
    return t, c, faults


def data():
    rng = np.random.default_rng(7)
    n = 1_000_000
    rows, k = 100_000, 10
    return dict(
        n=n, rows=rows, k=k,
        x=rng.standard_normal(n) * 3, y=rng.standard_normal(n),
        bits=(rng.random(n) < 0.5).astype(np.float64),
        var=0.5 + 1.5 * rng.random(n),
        logits=rng.standard_normal((rows, k)) * 2, labels=rng.integers(0, k, rows),
    )


def numpy_fns(d):
    x, y, bits, var, logits, labels = d["x"], d["y"], d["bits"], d["var"], d["logits"], d["labels"]
    n, rows = d["n"], d["rows"]
    idx = np.arange(rows)

    def mse():
        a = x - y
        return np.mean(a * a), (2.0 / n) * a

    def huber():
        a = x - y
        m = np.abs(a)
        v = np.where(m <= 1, 0.5 * a * a, m - 0.5)
        return np.mean(v), np.clip(a, -1, 1) / n

    def bce():
        e = np.exp(-np.abs(x))
        v = np.mean(np.maximum(x, 0) - x * bits + np.log1p(e))
        r = 1.0 / (1.0 + e)
        return v, (np.where(x >= 0, r, e * r) - bits) / n

    def focal():
        e = np.exp(-np.abs(x))
        r = 1.0 / (1.0 + e)
        p = np.where(x >= 0, r, e * r)
        q = np.where(x >= 0, e * r, r)
        ce = np.maximum(x, 0) + np.log1p(e) - bits * x
        omp = p * (1 - bits) + q * bits
        at = 0.25 * bits + 0.75 * (1 - bits)
        g = at * ((p - bits) * omp * omp - ce * 2 * omp * p * q * (2 * bits - 1)) / n
        return np.mean(at * ce * omp * omp), g

    def ce():
        m = logits.max(axis=1, keepdims=True)
        ex = np.exp(logits - m)
        s = ex.sum(axis=1, keepdims=True)
        v = np.mean(np.log(s[:, 0]) - (logits[idx, labels] - m[:, 0]))
        g = ex / s
        g[idx, labels] -= 1.0
        return v, g / rows

    def gnll():
        a = x - y
        r = a / var
        return np.mean(0.5 * (np.log(var) + a * r)), r / n, 0.5 * (1 / var - r * r) / n

    return dict(mse=mse, huber=huber, bce_with_logits=bce, focal=focal, cross_entropy=ce, gaussian_nll=gnll)


def jax_fns(d):
    x, y, bits, var = (jnp.asarray(d[k]) for k in ("x", "y", "bits", "var"))
    logits, labels = jnp.asarray(d["logits"]), jnp.asarray(d["labels"])

    def mse(x):
        a = x - y
        return jnp.mean(a * a)

    def huber(x):
        a = x - y
        m = jnp.abs(a)
        return jnp.mean(jnp.where(m <= 1, 0.5 * a * a, m - 0.5))

    def bce(x):
        return jnp.mean(jnp.maximum(x, 0) - x * bits + jnp.log1p(jnp.exp(-jnp.abs(x))))

    def focal(x):
        p = jax.nn.sigmoid(x)
        ce = jnp.maximum(x, 0) - x * bits + jnp.log1p(jnp.exp(-jnp.abs(x)))
        omp = p * (1 - bits) + (1 - p) * bits
        at = 0.25 * bits + 0.75 * (1 - bits)
        return jnp.mean(at * ce * omp * omp)

    def ce(z):
        ls = jax.nn.log_softmax(z, axis=1)
        return -jnp.mean(jnp.take_along_axis(ls, labels[:, None], axis=1))

    def gnll(x, v):
        a = x - y
        return jnp.mean(0.5 * (jnp.log(v) + a * a / v))

    out = {}
    for name, f, args, argnums in (("mse", mse, (x,), 0), ("huber", huber, (x,), 0), ("bce_with_logits", bce, (x,), 0),
                                   ("focal", focal, (x,), 0), ("cross_entropy", ce, (logits,), 0),
                                   ("gaussian_nll", gnll, (x, var), (0, 1))):
        jf = jax.jit(jax.value_and_grad(f, argnums=argnums))
        jax.block_until_ready(jf(*args))  # compile and warm up
        out[name] = (lambda jf=jf, args=args: jax.block_until_ready(jf(*args)))
    return out


def main():
    binary = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    baseline = sys.argv[4] if len(sys.argv) > 4 else None
    d = data()
    counts = {name: (d["rows"] * d["k"] if name == "cross_entropy" else d["n"]) for name in LOSSES}
    nfns = numpy_fns(d)
    jfns = jax_fns(d) if jax else {}
    # name -> (wall ns/element, CPU ns/element, minor page faults per call), each the best seen.
    engine, before, npy, jx = {}, {}, {}, {}

    def keep(into, name, wall, cpu, faults):
        old = into.get(name, (float("inf"),) * 3)
        into[name] = (min(old[0], wall), min(old[1], cpu), min(old[2], faults))

    def run_engine(path, into):
        out = subprocess.run([path, str(repeats)], check=True, capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.strip():
                r = json.loads(line)
                keep(into, r["loss"], r["ns_per_element"], r.get("cpu_ns_per_element", float("nan")),
                     r.get("faults_per_call", float("nan")))

    for _ in range(rounds):
        run_engine(binary, engine)
        if baseline:
            run_engine(baseline, before)
        for name in LOSSES:
            t, c, f = best(repeats, nfns[name])
            keep(npy, name, t / counts[name], c / counts[name], f)
            if name in jfns:
                t, c, f = best(repeats, jfns[name])
                keep(jx, name, t / counts[name], c / counts[name], f)
    affinity = len(os.sched_getaffinity(0))
    nan3 = (float("nan"),) * 3
    print(f"cores available: {affinity}; load average {' '.join(f'{l:.1f}' for l in os.getloadavg())}; "
          f"ns per element (best of {repeats} × {rounds} rounds); "
          f"jax {jax.__version__ if jax else 'not installed'}, numpy {np.__version__}")
    print("wall: elapsed time; cpu: CPU time (engine: its thread; JAX and numpy: the whole process), "
          "the steadier number on a shared machine; ratios are of CPU times; faults: minor page faults per call")
    extra = f"{'before':>8}{'bef/jax':>8}" if baseline else ""
    print(f"{'loss':<16}{'eng wall':>9}{'jax wall':>9}{'np wall':>8}{'eng cpu':>8}{'jax cpu':>8}{'np cpu':>8}"
          f"{'eng/jax':>8}{'eng/np':>7}{'faults e/j/n':>16}{extra}")
    for name in LOSSES:
        e, j, p = engine.get(name, nan3), jx.get(name, nan3), npy[name]
        faults = f"{e[2]:.0f}/{j[2]:.0f}/{p[2]:.0f}"
        row = (f"{name:<16}{e[0]:>9.2f}{j[0]:>9.2f}{p[0]:>8.2f}{e[1]:>8.2f}{j[1]:>8.2f}{p[1]:>8.2f}"
               f"{e[1] / j[1]:>8.2f}{e[1] / p[1]:>7.2f}{faults:>16}")
        if baseline:
            b = before.get(name, nan3)
            row += f"{b[1]:>8.2f}{b[1] / j[1]:>8.2f}"
        print(row)


if __name__ == "__main__":
    main()

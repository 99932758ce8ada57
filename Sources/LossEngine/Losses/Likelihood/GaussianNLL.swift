import Foundation

extension Losses {
    /// Gaussian negative log-likelihood with a predicted variance (PyTorch's form).
    ///
    /// Per element, a = input − target, v = max(var, eps): ½(log v + a²/v), plus ½ log 2π if `full`.
    /// With `full` this is exactly −log N(target; input, v) (``Normal``).
    /// - Parameters:
    ///   - input: predicted means, any shape; target: same shape.
    ///   - variance: predicted variances ≥ 0, same shape or one value for all.
    ///   - eps: lower clamp of the variance (> 0).
    /// - Returns: gradients for `input` (a/v) and `var` (½(1/v − a²/v²)). As in PyTorch, the clamp
    ///   is applied without blocking the gradient (it is taken at v).
    /// - Stability: log v with v ≥ eps, no exp; a²/v is a·(a/v) and a²/v² is (a/v)², so a = v =
    ///   1e200 gives gradient 0, not ∞ − ∞.
    /// - Reference: Nix & Weigend, "Estimating the mean and variance of the target probability
    ///   distribution", 1994; PyTorch `gaussian_nll_loss`.
    public static func gaussianNLL(input: [Double], target: [Double], variance: [Double], eps: Double = 1e-6,
                                   full: Bool = false, reduction: Reduction = .mean) throws -> LossOutput {
        try Check.count(target, input.count, "target")
        try Check.finite(eps, "eps")
        try Check.positive(eps, "eps")
        let n = input.count
        guard variance.count == n || variance.count == 1 else {
            throw LossError.shapeMismatch(argument: "var", expected: [n], found: [variance.count])
        }
        for x in variance where x < 0 { throw LossError.outOfDomain(argument: "var", value: x, domain: "[0, ∞)") }
        try reduction.check(Reduction.standard, loss: "gaussian_nll")
        try Check.nonEmpty(n, "input")
        let constant = full ? Normal.halfLog2Pi : 0
        let denominator = reduction.denominator(count: n)
        let seed = 1 / denominator
        var items = [Double](repeating: 0, count: reduction == .none ? n : 0)
        // One variance for all elements: its gradient is the sum of the per-element ones.
        let shared = variance.count != n
        var dVar: [Double] = []
        var total = 0.0
        var dVarSum = 0.0
        let dInput = [Double](unsafeUninitializedCapacity: n) { g, gInitialized in
            dVar = [Double](unsafeUninitializedCapacity: shared ? 0 : n) { h, hInitialized in
                input.withUnsafeBufferPointer { x in
                    target.withUnsafeBufferPointer { y in
                        variance.withUnsafeBufferPointer { v in
                            items.withUnsafeMutableBufferPointer { it in
                                let loop = GaussianKernel(eps: eps, constant: constant, seed: seed)
                                (total, dVarSum) = loop.run(x.baseAddress!, y.baseAddress!, v.baseAddress!, count: n,
                                                            sharedVariance: shared, dInput: g.baseAddress!,
                                                            dVar: h.startIfAny, items: it.startIfAny)
                            }
                        }
                    }
                }
                hInitialized = shared ? 0 : n
            }
            gInitialized = n
        }
        return LossOutput.make(total: total, denominator: denominator, items: items, reduction: reduction,
                               gradients: ["input": dInput, "var": shared ? [dVarSum] : dVar])
    }
}

/// The fused Gaussian NLL loop: per element v = max(var, eps), a = x − y, r = a/v,
/// value ½(log v + a·r) + c, d/dx = r, d/dvar = ½(1/v − r²), with the vector log of
/// ``VectorMath`` (≤ 1 ULP against glibc). Eight elements per iteration as two independent
/// vectors, then one vector, then the last 1–3 elements through the same step in one padded
/// vector. The step stores its gradients itself and returns only the values: a step that
/// returned (value, d/dx, d/dvar) as a tuple of vectors was not inlined, and the three vectors
/// went through memory on every call.
struct GaussianKernel {
    let eps: Double
    let constant: Double
    let seed: Double

    /// One vector of elements at i: writes seed·d/dx (and seed·d/dvar unless shared, whose sum
    /// goes into hAcc) and the values if wanted; returns the values.
    @_transparent
    func step(_ x: Lanes, _ y: Lanes, _ variance: Lanes, at i: Int, _ g: UnsafeMutablePointer<Double>,
              _ h: UnsafeMutablePointer<Double>?, _ items: UnsafeMutablePointer<Double>?, _ hAcc: inout Lanes) -> Lanes {
        let v = variance.replacing(with: eps, where: variance .< eps)
        let a = x - y
        let r = a / v
        let value = 0.5 * (VectorMath.logPositive(v) + a * r) + constant
        let dVar = 0.5 * (1 / v - r * r) * seed
        g.store(r * seed, at: i)
        if let h { h.store(dVar, at: i) } else { hAcc += dVar }
        items?.store(value, at: i)
        return value
    }

    /// Writes seed·gradients (d/dvar per element unless the variance is shared, in which case
    /// their sum is returned) and the values if `items` is given; returns (Σ values, Σ d/dvar).
    /// The sums keep the order of the earlier tuple-returning loop, so results are unchanged.
    func run(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ v: UnsafePointer<Double>, count n: Int,
             sharedVariance: Bool, dInput g: UnsafeMutablePointer<Double>, dVar h: UnsafeMutablePointer<Double>?,
             items: UnsafeMutablePointer<Double>?) -> (Double, Double) {
        var acc0 = Lanes.zero, acc1 = Lanes.zero, hAcc = Lanes.zero
        @inline(__always)
        func variance(_ i: Int) -> Lanes { sharedVariance ? Lanes(repeating: v[0]) : v.lanes(at: i) }
        var i = 0
        while i + 8 <= n {
            acc0 += step(x.lanes(at: i), y.lanes(at: i), variance(i), at: i, g, h, items, &hAcc)
            acc1 += step(x.lanes(at: i + 4), y.lanes(at: i + 4), variance(i + 4), at: i + 4, g, h, items, &hAcc)
            i += 8
        }
        if i + 4 <= n {
            acc0 += step(x.lanes(at: i), y.lanes(at: i), variance(i), at: i, g, h, items, &hAcc)
            i += 4
        }
        var total = (acc0 + acc1).laneSum
        var hSum = hAcc.laneSum
        if i < n {
            // The last 1–3 elements through the same step, in one vector padded with x = y = 0,
            // var = 1; only the real lanes are copied out and summed (in order, as scalars).
            let rest = n - i
            var xs = Lanes.zero, ys = Lanes.zero, vs = Lanes(repeating: 1)
            for l in 0..<rest {
                xs[l] = x[i + l]
                ys[l] = y[i + l]
                vs[l] = sharedVariance ? v[0] : v[i + l]
            }
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 8) { buffer in
                let out = buffer.baseAddress!
                var dVars = Lanes.zero
                let values = step(xs, ys, vs, at: 0, out, h == nil ? nil : out + 4, nil, &dVars)
                for l in 0..<rest {
                    g[i + l] = out[l]
                    if let h { h[i + l] = out[4 + l] } else { hSum += dVars[l] }
                    items?[i + l] = values[l]
                    total += values[l]
                }
            }
        }
        return (total, hSum)
    }
}

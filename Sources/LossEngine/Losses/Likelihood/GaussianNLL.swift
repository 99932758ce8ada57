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
/// vectors, then one vector, then the tail through the same lane code (splatted).
struct GaussianKernel {
    let eps: Double
    let constant: Double
    let seed: Double

    @inline(__always)
    func lanes(_ x: Lanes, _ y: Lanes, _ variance: Lanes) -> (value: Lanes, dInput: Lanes, dVar: Lanes) {
        let v = variance.replacing(with: eps, where: variance .< eps)
        let a = x - y
        let r = a / v
        return (0.5 * (VectorMath.log(v) + a * r) + constant, r, 0.5 * (1 / v - r * r))
    }

    /// Writes seed·gradients (d/dvar per element unless the variance is shared, in which case
    /// their sum is returned) and the values if `items` is given; returns (Σ values, Σ d/dvar).
    func run(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ v: UnsafePointer<Double>, count n: Int,
             sharedVariance: Bool, dInput g: UnsafeMutablePointer<Double>, dVar h: UnsafeMutablePointer<Double>?,
             items: UnsafeMutablePointer<Double>?) -> (Double, Double) {
        var acc0 = Lanes.zero, acc1 = Lanes.zero, hAcc = Lanes.zero
        @inline(__always)
        func variance(_ i: Int) -> Lanes { sharedVariance ? Lanes(repeating: v[0]) : v.lanes(at: i) }
        @inline(__always)
        func emit(_ i: Int, _ r: (value: Lanes, dInput: Lanes, dVar: Lanes)) {
            g.store(r.dInput * seed, at: i)
            if let h { h.store(r.dVar * seed, at: i) } else { hAcc += r.dVar * seed }
            items?.store(r.value, at: i)
        }
        var i = 0
        while i + 8 <= n {
            let r0 = lanes(x.lanes(at: i), y.lanes(at: i), variance(i))
            let r1 = lanes(x.lanes(at: i + 4), y.lanes(at: i + 4), variance(i + 4))
            emit(i, r0)
            emit(i + 4, r1)
            acc0 += r0.value
            acc1 += r1.value
            i += 8
        }
        if i + 4 <= n {
            let r = lanes(x.lanes(at: i), y.lanes(at: i), variance(i))
            emit(i, r)
            acc0 += r.value
            i += 4
        }
        var total = (acc0 + acc1).laneSum
        var hSum = hAcc.laneSum
        while i < n {
            let r = lanes(Lanes(repeating: x[i]), Lanes(repeating: y[i]), Lanes(repeating: sharedVariance ? v[0] : v[i]))
            g[i] = r.dInput[0] * seed
            if let h { h[i] = r.dVar[0] * seed } else { hSum += r.dVar[0] * seed }
            items?[i] = r.value[0]
            total += r.value[0]
            i += 1
        }
        return (total, hSum)
    }
}

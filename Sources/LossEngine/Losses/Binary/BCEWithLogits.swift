import Foundation

extension Losses {
    /// Binary cross entropy on logits, optionally weighting positives.
    ///
    /// Per element, with l = 1 + (pos_weight − 1)·y: (1 − y)·x + l·softplus(−x); without
    /// pos_weight this is softplus(x) − y·x.
    /// - Parameters:
    ///   - input: logits x, any shape; target: y ∈ [0, 1], same shape.
    ///   - posWeight: weights of positive examples ≥ 0: one value, one per element, or one per
    ///     class of the last dimension (repeated cyclically, as PyTorch broadcasts).
    /// - Returns: gradient for `input`: (1 − y) − l·σ(−x) (= σ(x) − y without pos_weight).
    /// - Stability: softplus(x) = max(x, 0) + log1p(e^{−|x|}) and σ from the same e^{−|x|}: one
    ///   exp per element, never positive exponents; logits of ±1000 give exact values.
    /// - Speed: four elements at a time with the vector exp and log1p of ``VectorMath``
    ///   (≤ 1 and ≤ 2 ULP against glibc).
    /// - Reference: PyTorch `binary_cross_entropy_with_logits`.
    public static func bceWithLogits(input: [Double], target: [Double], posWeight: [Double]? = nil,
                                     reduction: Reduction = .mean) throws -> LossOutput {
        try reduction.check(Reduction.standard, loss: "bce_with_logits")
        let n = input.count
        try Check.nonEmpty(n, "input")
        try Check.count(target, n, "target")
        try Check.probability(target, "target")
        if let pw = posWeight {
            guard !pw.isEmpty, n % pw.count == 0 else {
                throw LossError.shapeMismatch(argument: "pos_weight", expected: [n], found: [pw.count])
            }
            try Check.nonNegative(pw, "pos_weight")
        }
        let denominator = reduction.denominator(count: n)
        let seed = 1 / denominator
        let keepItems = reduction == .none
        var items = [Double](repeating: 0, count: keepItems ? n : 0)
        var total = 0.0
        let grad = [Double](unsafeUninitializedCapacity: n) { g, initialized in
            input.withUnsafeBufferPointer { x in
                target.withUnsafeBufferPointer { y in
                    items.withUnsafeMutableBufferPointer { it in
                        var acc = Lanes.zero
                        var i = 0
                        // Four elements at a time, then the tail through the same lane kernel.
                        while i < n {
                            let full = i + 4 <= n
                            let xv = full ? Lanes(x[i], x[i + 1], x[i + 2], x[i + 3]) : Lanes(repeating: x[i])
                            let yv = full ? Lanes(y[i], y[i + 1], y[i + 2], y[i + 3]) : Lanes(repeating: y[i])
                            let l: Lanes?
                            if let pw = posWeight {
                                let m = pw.count
                                let w = full ? Lanes(pw[i % m], pw[(i + 1) % m], pw[(i + 2) % m], pw[(i + 3) % m])
                                             : Lanes(repeating: pw[i % m])
                                l = 1 + (w - 1) * yv
                            } else {
                                l = nil
                            }
                            let (v, gv) = BCEKernel.lanes(xv, yv, posWeightFactor: l)
                            let count = full ? 4 : 1
                            for j in 0..<count {
                                g[i + j] = gv[j] * seed
                                if keepItems { it[i + j] = v[j] }
                            }
                            acc += full ? v : Lanes(v[0], 0, 0, 0)
                            i += count
                        }
                        total = (acc[0] + acc[1]) + (acc[2] + acc[3])
                    }
                }
            }
            initialized = n
        }
        return LossOutput.make(total: total, denominator: denominator, items: items, reduction: reduction,
                               gradients: ["input": grad])
    }
}

/// The per-element BCE-with-logits value and gradient (before the reduction seed), four lanes.
enum BCEKernel {
    /// With l = 1 + (pos_weight − 1)·y (nil: l = 1): value (1 − y)·x + l·softplus(−x), gradient
    /// (1 − y) − l·σ(−x); without pos_weight written as max(x, 0) − y·x + log1p(e) and σ(x) − y.
    @inline(__always)
    static func lanes(_ x: Lanes, _ y: Lanes, posWeightFactor l: Lanes?) -> (value: Lanes, gradient: Lanes) {
        let e = VectorMath.exp(-VectorMath.abs(x))
        let lp = VectorMath.log1p(e)
        let r = 1 / (1 + e)
        let positive = x .>= 0
        if let l {
            // softplus(−x) = max(−x, 0) + log1p(e); σ(−x) = e·r for x ≥ 0, r below.
            let spNeg = (-x).replacing(with: 0, where: positive) + lp
            let sigNeg = r.replacing(with: e * r, where: positive)
            return ((1 - y) * x + l * spNeg, (1 - y) - l * sigNeg)
        }
        let v = x.replacing(with: 0, where: .!positive) - y * x + lp
        let sig = (e * r).replacing(with: r, where: positive)
        return (v, sig - y)
    }
}

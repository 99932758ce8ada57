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
                    if let pw = posWeight {
                        let m = pw.count
                        for i in 0..<n {
                            let xi = x[i], yi = y[i]
                            let e = Foundation.exp(-Swift.abs(xi))
                            let spNeg = Swift.max(-xi, 0) + Foundation.log1p(e)
                            let sigNeg = xi >= 0 ? e / (1 + e) : 1 / (1 + e)
                            let l = 1 + (pw[i % m] - 1) * yi
                            let v = (1 - yi) * xi + l * spNeg
                            total += v
                            if keepItems { items[i] = v }
                            g[i] = ((1 - yi) - l * sigNeg) * seed
                        }
                    } else {
                        for i in 0..<n {
                            let xi = x[i], yi = y[i]
                            let e = Foundation.exp(-Swift.abs(xi))
                            let r = 1 / (1 + e)
                            let v = Swift.max(xi, 0) - yi * xi + Foundation.log1p(e)
                            let sig = xi >= 0 ? r : e * r
                            total += v
                            if keepItems { items[i] = v }
                            g[i] = (sig - yi) * seed
                        }
                    }
                }
            }
            initialized = n
        }
        return LossOutput.make(total: total, denominator: denominator, items: items, reduction: reduction,
                               gradients: ["input": grad])
    }
}

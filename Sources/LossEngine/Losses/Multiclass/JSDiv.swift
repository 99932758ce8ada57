import Foundation

extension Losses {
    /// Jensen–Shannon divergence between probability rows (natural log).
    ///
    /// Per sample: ½KL(p‖m) + ½KL(q‖m), m = (p + q)/2.
    /// - Parameters: input p (N×K probabilities), target q (N×K probabilities), values in [0, 1].
    /// - Returns: gradient for `input`: ½ log(2pₖ/(pₖ + qₖ)) (−∞ where pₖ = 0 < qₖ, as the
    ///   mathematics says; ½ log 2 where both are 0).
    /// - Stability: 0·log 0 = 0 terms; bounded by log 2.
    /// - Reference: Lin, "Divergence Measures Based on the Shannon Entropy", 1991.
    public static func jsDiv(input: Tensor, target: Tensor, reduction: Reduction = .mean) throws -> LossOutput {
        try Check.rank(input, 2, "input", "N×K probabilities")
        try Check.shape(target, input.shape, "target")
        try Check.probability(input.data, "input")
        try Check.probability(target.data, "target")
        let n = input.shape[0], k = input.shape[1]
        var grad = [Double](repeating: 0, count: n * k)
        let r = try rows("js_div", count: n, argument: "input", reduction: reduction) { i, seed in
            var v = 0.0
            for j in 0..<k {
                let p = input.data[i * k + j], q = target.data[i * k + j]
                let m = (p + q) / 2
                if p > 0 { v += 0.5 * p * Foundation.log(p / m) }
                if q > 0 { v += 0.5 * q * Foundation.log(q / m) }
                grad[i * k + j] = seed * (p + q == 0 ? 0.5 * M_LN2 : 0.5 * Foundation.log(2 * p / (p + q)))
            }
            return v
        }
        return LossOutput.make(total: r.total, denominator: r.denominator, items: r.items, reduction: reduction,
                               gradients: ["input": grad])
    }
}

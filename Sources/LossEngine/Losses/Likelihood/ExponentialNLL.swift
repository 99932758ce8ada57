extension Losses {
    /// Exponential negative log-likelihood.
    ///
    /// Per element: λy − log λ = −log Exp(y; λ) (``Exponential``).
    /// - Parameters: rate λ > 0, target y ≥ 0 (same shape; rate may be one value).
    /// - Returns: gradient for `rate`: y − 1/λ.
    /// - Stability: log space.
    /// - Reference: `torch.distributions.Exponential`.
    public static func exponentialNLL(rate: [Double], target: [Double], reduction: Reduction = .mean) throws -> LossOutput {
        try Check.nonEmpty(target.count, "target")
        let r = try Check.broadcast(rate, to: target.count, "rate")
        try Check.positive(r, "rate")
        try Check.nonNegative(target, "target")
        var out = try elementwise("exponential_nll", count: target.count, names: ["rate"], reduction: reduction) { i in
            (-Exponential.logDensity(target[i], rate: r[i]), [-Exponential.logDensityGradient(target[i], rate: r[i])])
        }
        out.gradients["rate"] = unbroadcast(out.gradient("rate"), to: rate.count)
        return out
    }
}

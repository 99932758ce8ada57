extension Losses {
    /// Beta negative log-likelihood.
    ///
    /// Per element: −[(α − 1) log y + (β − 1) log(1 − y) − log B(α, β)] (``Beta``).
    /// - Parameters: alpha α > 0, beta β > 0, target y ∈ (0, 1) (same shape; parameters may be
    ///   one value each).
    /// - Returns: gradients for `alpha` (ψ(α) − ψ(α+β) − log y) and `beta` (ψ(β) − ψ(α+β) − log(1 − y)).
    /// - Stability: log1p(−y) and log B in log space.
    /// - Reference: `torch.distributions.Beta`.
    public static func betaNLL(alpha: [Double], beta: [Double], target: [Double],
                               reduction: Reduction = .mean) throws -> LossOutput {
        try Check.nonEmpty(target.count, "target")
        let a = try Check.broadcast(alpha, to: target.count, "alpha")
        let b = try Check.broadcast(beta, to: target.count, "beta")
        try Check.positive(a, "alpha")
        try Check.positive(b, "beta")
        try Check.openUnit(target, "target")
        var out = try elementwise("beta_nll", count: target.count, names: ["alpha", "beta"], reduction: reduction) { i in
            let g = Beta.logDensityGradient(target[i], alpha: a[i], beta: b[i])
            return (-Beta.logDensity(target[i], alpha: a[i], beta: b[i]), [-g.alpha, -g.beta])
        }
        out.gradients["alpha"] = unbroadcast(out.gradient("alpha"), to: alpha.count)
        out.gradients["beta"] = unbroadcast(out.gradient("beta"), to: beta.count)
        return out
    }
}

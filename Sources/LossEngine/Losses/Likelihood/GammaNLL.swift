extension Losses {
    /// Gamma negative log-likelihood (shape–rate form).
    ///
    /// Per element: −[α log β + (α − 1) log y − βy − log Γ(α)] (``Gamma``).
    /// - Parameters: concentration α > 0, rate β > 0, target y > 0 (same shape; parameters may be
    ///   one value each).
    /// - Returns: gradients for `concentration` (ψ(α) − log β − log y) and `rate` (y − α/β).
    /// - Stability: log Γ and digamma; no Γ overflow for large α.
    /// - Reference: `torch.distributions.Gamma`.
    public static func gammaNLL(concentration: [Double], rate: [Double], target: [Double],
                                reduction: Reduction = .mean) throws -> LossOutput {
        try Check.nonEmpty(target.count, "target")
        let a = try Check.broadcast(concentration, to: target.count, "concentration")
        let b = try Check.broadcast(rate, to: target.count, "rate")
        try Check.positive(a, "concentration")
        try Check.positive(b, "rate")
        try Check.positive(target, "target")
        var out = try elementwise("gamma_nll", count: target.count, names: ["concentration", "rate"], reduction: reduction) { i in
            let g = Gamma.logDensityGradient(target[i], concentration: a[i], rate: b[i])
            return (-Gamma.logDensity(target[i], concentration: a[i], rate: b[i]), [-g.concentration, -g.rate])
        }
        out.gradients["concentration"] = unbroadcast(out.gradient("concentration"), to: concentration.count)
        out.gradients["rate"] = unbroadcast(out.gradient("rate"), to: rate.count)
        return out
    }
}

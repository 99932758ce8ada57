extension Losses {
    /// von Mises negative log-likelihood for angles.
    ///
    /// Per element: log(2π I₀(κ)) − κ cos(target − input) (``VonMises``).
    /// - Parameters: input μ (mean angles, radians), concentration κ ≥ 0 (same shape or one value),
    ///   target (angles, same shape).
    /// - Returns: gradients for `input` (−κ sin(y − μ)) and `concentration` (I₁/I₀(κ) − cos(y − μ)).
    /// - Stability: log I₀ computed directly; κ = 10⁴ is fine.
    /// - Reference: von Mises (1918); Mardia & Jupp, *Directional Statistics*, 2000.
    public static func vonMisesNLL(input: [Double], concentration: [Double], target: [Double],
                                   reduction: Reduction = .mean) throws -> LossOutput {
        try Check.count(target, input.count, "target")
        let k = try Check.broadcast(concentration, to: input.count, "concentration")
        try Check.nonNegative(k, "concentration")
        var out = try elementwise("von_mises_nll", count: input.count, names: ["input", "concentration"], reduction: reduction) { i in
            let g = VonMises.logDensityGradient(target[i], loc: input[i], concentration: k[i])
            return (-VonMises.logDensity(target[i], loc: input[i], concentration: k[i]), [-g.loc, -g.concentration])
        }
        out.gradients["concentration"] = unbroadcast(out.gradient("concentration"), to: concentration.count)
        return out
    }
}

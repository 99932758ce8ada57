extension Losses {
    /// Student's t negative log-likelihood.
    ///
    /// Per element: −log t_ν(target; input, scale) (``StudentT``).
    /// - Parameters: input (locations), target (same shape), scale σ > 0 and df ν > 0 (same shape
    ///   or one value each).
    /// - Returns: gradients for `input`, `scale` and `df` (with the digamma function).
    /// - Stability: log Γ and log1p; finite for any finite residual.
    /// - Reference: Lange, Little & Taylor, "Robust Statistical Modeling Using the t Distribution", 1989.
    public static func studentTNLL(input: [Double], target: [Double], scale: [Double], df: [Double],
                                   reduction: Reduction = .mean) throws -> LossOutput {
        try Check.count(target, input.count, "target")
        let s = try Check.broadcast(scale, to: input.count, "scale")
        let nu = try Check.broadcast(df, to: input.count, "df")
        try Check.positive(s, "scale")
        try Check.positive(nu, "df")
        var out = try elementwise("student_t_nll", count: input.count, names: ["input", "scale", "df"], reduction: reduction) { i in
            let v = -StudentT.logDensity(target[i], df: nu[i], loc: input[i], scale: s[i])
            let g = StudentT.logDensityGradient(target[i], df: nu[i], loc: input[i], scale: s[i])
            return (v, [-g.loc, -g.scale, -g.df])
        }
        out.gradients["scale"] = unbroadcast(out.gradient("scale"), to: scale.count)
        out.gradients["df"] = unbroadcast(out.gradient("df"), to: df.count)
        return out
    }
}

extension Losses {
    /// Quantile (pinball) loss.
    ///
    /// Per element, r = y − x: max(q·r, (q − 1)·r). Gradient w.r.t. x: −q if r > 0,
    /// 1 − q if r < 0, 0 at r = 0.
    /// - Parameters: input x, target y (same shape); q ∈ [0, 1] the quantile level.
    /// - Stability: exact.
    /// - Reference: Koenker & Bassett, "Regression Quantiles", 1978.
    public static func quantile(input: [Double], target: [Double], q: Double = 0.5,
                                reduction: Reduction = .mean) throws -> LossOutput {
        try Check.finite(q, "q")
        guard q >= 0 && q <= 1 else { throw LossError.outOfDomain(argument: "q", value: q, domain: "[0, 1]") }
        return try residualwise("quantile", input: input, target: target, reduction: reduction) { a in
            let r = -a
            if r > 0 { return (q * r, -q) }
            if r < 0 { return ((q - 1) * r, 1 - q) }
            return (0, 0)
        }
    }
}

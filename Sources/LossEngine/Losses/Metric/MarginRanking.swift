extension Losses {
    /// Margin ranking loss (PyTorch `margin_ranking_loss`).
    ///
    /// Per element: max(0, −y(x1 − x2) + margin).
    /// - Parameters: input1, input2 (N scores), target (N, ±1: which should rank higher), margin.
    /// - Returns: gradients −y (input1) and +y (input2) where active.
    /// - Stability: exact.
    /// - Reference: PyTorch `margin_ranking_loss`; Herbrich et al., 1999.
    public static func marginRanking(input1: [Double], input2: [Double], target: [Double], margin: Double = 0,
                                     reduction: Reduction = .mean) throws -> LossOutput {
        try Check.count(input2, input1.count, "input2")
        try Check.count(target, input1.count, "target")
        try Check.signs(target, "target")
        try Check.finite(margin, "margin")
        return try elementwise("margin_ranking", count: input1.count, names: ["input1", "input2"], reduction: reduction) { i in
            let h = -target[i] * (input1[i] - input2[i]) + margin
            return h > 0 ? (h, [-target[i], target[i]]) : (0, [0, 0])
        }
    }
}

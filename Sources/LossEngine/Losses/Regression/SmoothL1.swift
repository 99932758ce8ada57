extension Losses {
    /// Smooth L1 loss (Huber divided by β).
    ///
    /// Per element, a = x − y: ½a²/β if |a| < β, else |a| − ½β. β = 0 is plain L1.
    /// - Parameters:
    ///   - input: predictions, any shape; target: same shape.
    ///   - beta: β ≥ 0.
    /// - Stability: exact.
    /// - Reference: Girshick, "Fast R-CNN", 2015; PyTorch `smooth_l1_loss`.
    public static func smoothL1(input: [Double], target: [Double], beta: Double = 1,
                                reduction: Reduction = .mean) throws -> LossOutput {
        try Check.finite(beta, "beta")
        try Check.nonNegative(beta, "beta")
        return try residualwise("smooth_l1", input: input, target: target, reduction: reduction) { a in
            let m = Swift.abs(a)
            if m < beta { return (0.5 * a * a / beta, a / beta) }
            return (m - 0.5 * beta, a > 0 ? 1 : (a < 0 ? -1 : 0))
        }
    }
}

extension Losses {
    /// Mean absolute error (L1 loss).
    ///
    /// Per element: |x − y|; gradient sign(x − y), 0 at x = y (PyTorch's choice).
    /// - Parameters:
    ///   - input: predictions x, any shape, finite.
    ///   - target: y, same shape.
    /// - Stability: exact.
    /// - Reference: Laplace (1774) / Boscovich (1757); PyTorch `l1_loss`.
    public static func mae(input: [Double], target: [Double], reduction: Reduction = .mean) throws -> LossOutput {
        try residualwise("mae", input: input, target: target, reduction: reduction) { a in
            (Swift.abs(a), a > 0 ? 1 : (a < 0 ? -1 : 0))
        }
    }
}

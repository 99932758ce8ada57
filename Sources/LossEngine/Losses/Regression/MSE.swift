extension Losses {
    /// Mean squared error.
    ///
    /// Per element: (x − y)².
    /// - Parameters:
    ///   - input: predictions x, any shape (flattened), finite.
    ///   - target: y, same shape.
    /// - Returns: value and d/d input = 2(x − y) · seed.
    /// - Stability: no transcendental functions; overflows only where the value does.
    /// - Reference: Legendre (1805), Gauss (1809); PyTorch `mse_loss`.
    public static func mse(input: [Double], target: [Double], reduction: Reduction = .mean) throws -> LossOutput {
        try residualwise("mse", input: input, target: target, reduction: reduction) { a in (a * a, 2 * a) }
    }
}

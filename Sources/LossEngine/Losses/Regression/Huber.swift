extension Losses {
    /// Huber loss.
    ///
    /// Per element, a = x − y: ½a² if |a| ≤ δ, else δ(|a| − ½δ).
    /// - Parameters:
    ///   - input: predictions, any shape; target: same shape.
    ///   - delta: δ > 0, where the quadratic turns linear.
    /// - Returns: gradient a inside, δ·sign(a) outside.
    /// - Stability: exact; linear growth keeps outliers from dominating.
    /// - Reference: Huber, "Robust Estimation of a Location Parameter", 1964; PyTorch `huber_loss`.
    public static func huber(input: [Double], target: [Double], delta: Double = 1,
                             reduction: Reduction = .mean) throws -> LossOutput {
        try Check.finite(delta, "delta")
        try Check.positive(delta, "delta")
        return try residualwise("huber", input: input, target: target, reduction: reduction) { a in
            // Both branches computed and selected (no data-dependent jump: random residuals made
            // the branch mispredict about one time in four); the gradient is a clamped to ±δ.
            let m = Swift.abs(a)
            let inside = m <= delta
            let value = inside ? 0.5 * a * a : delta * (m - 0.5 * delta)
            return (value, Swift.min(Swift.max(a, -delta), delta))
        }
    }
}

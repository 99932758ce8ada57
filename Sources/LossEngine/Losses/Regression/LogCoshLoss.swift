import Foundation

extension Losses {
    /// Log-cosh loss.
    ///
    /// Per element: log cosh(x − y); gradient tanh(x − y).
    /// - Parameters: input, target of the same shape.
    /// - Stability: ``StableMath/logCosh(_:)`` never forms cosh, so |a| = 1000 gives 999.307…
    ///   instead of infinity.
    /// - Reference: Chen et al., "Log Hyperbolic Cosine Loss Improves Variational Auto-Encoder", 2019.
    public static func logCosh(input: [Double], target: [Double], reduction: Reduction = .mean) throws -> LossOutput {
        try residualwise("log_cosh", input: input, target: target, reduction: reduction) { a in
            (StableMath.logCosh(a), Foundation.tanh(a))
        }
    }
}

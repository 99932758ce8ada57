import Foundation

extension Losses {
    /// Symmetric cross entropy.
    ///
    /// Per sample: α·CE + β·RCE with RCE = −A(1 − p_y), A = log_zero (the clamped log 0 of the
    /// one-hot label).
    /// - Parameters: input (N×K logits), target (N indices), alpha α, beta β, logZero A < 0.
    /// - Returns: gradient for `input`: φ(δₖᵧ − pₖ) with φ = −α + βA·p_y.
    /// - Stability: CE from log-softmax; p_y = e^{log p_y}.
    /// - Reference: Wang et al., "Symmetric Cross Entropy for Robust Learning with Noisy Labels", 2019.
    public static func sce(input: Tensor, target: [Int], alpha: Double = 0.1, beta: Double = 1, logZero: Double = -4,
                           reduction: Reduction = .mean) throws -> LossOutput {
        try Check.finite(alpha, "alpha")
        try Check.finite(beta, "beta")
        try Check.finite(logZero, "log_zero")
        return try logProbLoss("sce", input: input, target: target, reduction: reduction) { lp in
            let p = Foundation.exp(lp)
            return (-alpha * lp - beta * logZero * (1 - p), -alpha + beta * logZero * p)
        }
    }
}

import Foundation

extension Losses {
    /// Poly-1 cross entropy.
    ///
    /// Per sample: −log p_y + ε(1 − p_y).
    /// - Parameters: input (N×K logits), target (N indices), epsilon ε.
    /// - Returns: gradient for `input`: φ(δₖᵧ − pₖ) with φ = −1 − ε·p_y.
    /// - Stability: log-softmax; 1 − p_y as −expm1(log p_y).
    /// - Reference: Leng et al., "PolyLoss: A Polynomial Expansion Perspective of Classification
    ///   Loss Functions", 2022.
    public static func poly1(input: Tensor, target: [Int], epsilon: Double = 1, reduction: Reduction = .mean) throws -> LossOutput {
        try Check.finite(epsilon, "epsilon")
        return try logProbLoss("poly1", input: input, target: target, reduction: reduction) { lp in
            (-lp - epsilon * Foundation.expm1(lp), -1 - epsilon * Foundation.exp(lp))
        }
    }
}

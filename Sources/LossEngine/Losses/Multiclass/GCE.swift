import Foundation

extension Losses {
    /// Generalized cross entropy, robust to label noise.
    ///
    /// Per sample: (1 − p_y^q)/q; q → 0 gives cross entropy, q = 1 gives MAE on probabilities.
    /// - Parameters: input (N×K logits), target (N indices), q ∈ (0, 1].
    /// - Returns: gradient for `input`: −p_y^q (δₖᵧ − pₖ).
    /// - Stability: p_y^q = e^{q log p_y} from the log-softmax; no underflow to 0^q issues.
    /// - Reference: Zhang & Sabuncu, "Generalized Cross Entropy Loss for Training Deep Neural
    ///   Networks with Noisy Labels", 2018.
    public static func gce(input: Tensor, target: [Int], q: Double = 0.7, reduction: Reduction = .mean) throws -> LossOutput {
        try Check.finite(q, "q")
        guard q > 0 && q <= 1 else { throw LossError.outOfDomain(argument: "q", value: q, domain: "(0, 1]") }
        return try logProbLoss("gce", input: input, target: target, reduction: reduction) { lp in
            let pq = Foundation.exp(q * lp)
            return ((1 - pq) / q, -pq)
        }
    }
}

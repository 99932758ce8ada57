import Foundation

extension Losses {
    /// Softmax focal loss.
    ///
    /// Per sample: −(1 − p_y)^γ log p_y.
    /// - Parameters: input (N×K logits), target (N indices), gamma γ ≥ 0.
    /// - Returns: gradient for `input`: φ(δₖᵧ − pₖ) with φ = γ(1 − p_y)^{γ−1} p_y log p_y − (1 − p_y)^γ.
    /// - Stability: log p_y from log-softmax; 1 − p_y as −expm1(log p_y) (no cancellation when
    ///   p_y ≈ 1).
    /// - Reference: Lin et al., "Focal Loss for Dense Object Detection", 2017.
    public static func softmaxFocal(input: Tensor, target: [Int], gamma: Double = 2,
                                    reduction: Reduction = .mean) throws -> LossOutput {
        try Check.finite(gamma, "gamma")
        try Check.nonNegative(gamma, "gamma")
        return try logProbLoss("softmax_focal", input: input, target: target, reduction: reduction) { lp in
            let p = Foundation.exp(lp)
            let q = -Foundation.expm1(lp)
            if gamma == 0 { return (-lp, -1) }
            let w = Foundation.pow(q, gamma)
            let dw = q > 0 ? gamma * w / q : (gamma == 1 ? 1 : 0)
            return (-w * lp, dw * p * lp - w)
        }
    }
}

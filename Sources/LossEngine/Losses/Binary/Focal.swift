import Foundation

extension Losses {
    /// Sigmoid focal loss (torchvision `sigmoid_focal_loss`).
    ///
    /// Per element, p = σ(x), pₜ = p·y + (1 − p)(1 − y), ce = bce_with_logits(x, y):
    /// αₜ·ce·(1 − pₜ)^γ with αₜ = α·y + (1 − α)(1 − y) (omitted when α < 0).
    /// - Parameters: input x (logits), target y ∈ [0, 1], same shape; alpha; gamma γ ≥ 0.
    /// - Returns: gradient for `input`:
    ///   αₜ[(p − y)(1 − pₜ)^γ − ce·γ(1 − pₜ)^{γ−1}·p(1 − p)(2y − 1)].
    /// - Stability: ce from the stable softplus form; 1 − pₜ = σ(x)(1 − y) + σ(−x)y is a sum of
    ///   non-negative terms (no cancellation), so logits of ±1000 give finite values.
    /// - Speed: one fused loop, four elements at a time (``FocalKernel``); whole γ ≤ 16 by
    ///   products, other γ by the vector exp and log.
    /// - Reference: Lin et al., "Focal Loss for Dense Object Detection", 2017.
    public static func focal(input: [Double], target: [Double], alpha: Double = 0.25, gamma: Double = 2,
                             reduction: Reduction = .mean) throws -> LossOutput {
        try FusedElementwise.loss("focal", input: input, target: target, reduction: reduction) { seed in
            try Check.finite(alpha, "alpha")
            try Check.finite(gamma, "gamma")
            try Check.nonNegative(gamma, "gamma")
            let kernel = FocalKernel(alpha: alpha >= 0 ? alpha : nil, power: FocalKernel.Power(gamma), seed: seed)
            return { kernel.run($0, $1, count: $2, gradient: $3, items: $4, targets: &$5) }
        }
    }
}

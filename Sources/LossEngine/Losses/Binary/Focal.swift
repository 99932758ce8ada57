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
    /// - Reference: Lin et al., "Focal Loss for Dense Object Detection", 2017.
    public static func focal(input: [Double], target: [Double], alpha: Double = 0.25, gamma: Double = 2,
                             reduction: Reduction = .mean) throws -> LossOutput {
        try Check.count(target, input.count, "target")
        try Check.probability(target, "target")
        try Check.finite(alpha, "alpha")
        try Check.finite(gamma, "gamma")
        try Check.nonNegative(gamma, "gamma")
        return try elementwise("focal", count: input.count, names: ["input"], reduction: reduction) { i in
            let x = input[i], y = target[i]
            let p = StableMath.sigmoid(x), q = StableMath.sigmoid(-x)
            let ce = StableMath.softplus(x) - y * x
            let oneMinusPt = p * (1 - y) + q * y
            let w = gamma == 0 ? 1 : Foundation.pow(oneMinusPt, gamma)
            let dw: Double
            if gamma == 0 {
                dw = 0
            } else if oneMinusPt > 0 {
                dw = gamma * Foundation.pow(oneMinusPt, gamma - 1)
            } else {
                dw = gamma == 1 ? 1 : (gamma > 1 ? 0 : 0)
            }
            let at = alpha >= 0 ? alpha * y + (1 - alpha) * (1 - y) : 1
            let pq = p * q
            let g = at * ((p - y) * w - ce * dw * pq * (2 * y - 1))
            return (at * ce * w, [g])
        }
    }
}

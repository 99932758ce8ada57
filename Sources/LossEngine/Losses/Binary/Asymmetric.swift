import Foundation

extension Losses {
    /// Asymmetric loss (ASL) for multi-label classification.
    ///
    /// Per element, p = σ(x): for y = 1, −(1 − p)^{γ₊}·log max(p, eps); for y = 0, with the
    /// shifted probability p_m = max(p − clip, 0), −p_m^{γ₋}·log max(1 − p_m, eps).
    /// - Parameters: input x (logits), target y ∈ {0, 1}; gamma_pos γ₊ ≥ 0, gamma_neg γ₋ ≥ 0,
    ///   clip ∈ [0, 1) (probability margin for negatives), eps > 0 (log clamp).
    /// - Returns: gradient for `input`, with the focusing weight differentiated (the reference
    ///   code's `disable_torch_grad_focal_loss = False`).
    /// - Stability: 1 − p is σ(−x), not a subtraction; logs are clamped at eps.
    /// - Reference: Ridnik et al., "Asymmetric Loss For Multi-Label Classification", 2021.
    public static func asymmetric(input: [Double], target: [Double], gammaPos: Double = 0, gammaNeg: Double = 4,
                                  clip: Double = 0.05, eps: Double = 1e-8, reduction: Reduction = .mean) throws -> LossOutput {
        try Check.count(target, input.count, "target")
        try Check.binary(target, "target")
        for (v, name) in [(gammaPos, "gamma_pos"), (gammaNeg, "gamma_neg"), (clip, "clip")] {
            try Check.finite(v, name)
            try Check.nonNegative(v, name)
        }
        guard clip < 1 else { throw LossError.outOfDomain(argument: "clip", value: clip, domain: "[0, 1)") }
        try Check.finite(eps, "eps")
        try Check.positive(eps, "eps")
        /// w = b^γ and dw/db, with 0^γ handled (γ = 0: w = 1, dw = 0).
        func power(_ b: Double, _ gamma: Double) -> (Double, Double) {
            if gamma == 0 { return (1, 0) }
            let w = Foundation.pow(b, gamma)
            if b > 0 { return (w, gamma * w / b) }
            return (w, gamma == 1 ? 1 : 0)
        }
        return try elementwise("asymmetric", count: input.count, names: ["input"], reduction: reduction) { i in
            let x = input[i]
            let p = StableMath.sigmoid(x), q = StableMath.sigmoid(-x)
            let dp = p * q
            if target[i] == 1 {
                let (w, dw) = power(q, gammaPos)
                let lp = Foundation.log(Swift.max(p, eps))
                let dlp = p > eps ? q : 0
                // d/dx [−w(q)·log p] with dq/dx = −dp.
                return (-w * lp, [-(dw * -dp * lp + w * dlp)])
            }
            let shifted = clip > 0 ? Swift.min(q + clip, 1) : q
            let pm = clip > 0 ? Swift.max(p - clip, 0) : p
            let active = clip == 0 || q + clip < 1
            let (w, dw) = power(pm, gammaNeg)
            let ln = Foundation.log(Swift.max(shifted, eps))
            let dShifted = active ? -dp : 0
            let dPm = active ? dp : 0
            let dln = shifted > eps ? dShifted / shifted : 0
            return (-w * ln, [-(dw * dPm * ln + w * dln)])
        }
    }
}

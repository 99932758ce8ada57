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
        if gamma == 0 || gamma == 1 || gamma == 2 {
            return try focalLanes(input: input, target: target, alpha: alpha, gamma: gamma, reduction: reduction)
        }
        return try elementwise1("focal", count: input.count, argument: "input", reduction: reduction) { i in
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
            return (at * ce * w, g)
        }
    }

    /// Focal loss for γ ∈ {0, 1, 2} (where (1 − p_t)^γ is a product), four elements at a time
    /// with one vector exp and log1p per element; the same formulas as the scalar path.
    static func focalLanes(input: [Double], target: [Double], alpha: Double, gamma: Double,
                           reduction: Reduction) throws -> LossOutput {
        let n = input.count
        let gammaLanes = Lanes(repeating: gamma)
        return try input.withUnsafeBufferPointer { x in
            try target.withUnsafeBufferPointer { y in
                try lanewise1("focal", count: n, argument: "input", reduction: reduction) { i, full in
                    let xv = full ? Lanes(x[i], x[i + 1], x[i + 2], x[i + 3]) : Lanes(repeating: x[i])
                    let yv = full ? Lanes(y[i], y[i + 1], y[i + 2], y[i + 3]) : Lanes(repeating: y[i])
                    let e = VectorMath.expNonPositive(-VectorMath.abs(xv))
                    let r = 1 / (1 + e)
                    let positive = xv .>= 0
                    let p = (e * r).replacing(with: r, where: positive)
                    let q = r.replacing(with: e * r, where: positive)
                    let ce = xv.replacing(with: 0, where: .!positive) + VectorMath.log1pUnit(e) - yv * xv
                    let omp = p * (1 - yv) + q * yv
                    let w: Lanes, dw: Lanes
                    switch gamma {
                    case 0: (w, dw) = (Lanes(repeating: 1), .zero)
                    case 1: (w, dw) = (omp, Lanes(repeating: 1))
                    default: (w, dw) = (omp * omp, gammaLanes * omp)
                    }
                    let at = alpha >= 0 ? alpha * yv + (1 - alpha) * (1 - yv) : Lanes(repeating: 1)
                    let g = at * ((p - yv) * w - ce * dw * (p * q) * (2 * yv - 1))
                    return (at * ce * w, g)
                }
            }
        }
    }
}

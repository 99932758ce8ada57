import Foundation

extension Losses {
    /// Binary cross entropy on probabilities.
    ///
    /// Per element: −(y·max(log p, −100) + (1 − y)·max(log(1 − p), −100)).
    /// - Parameters: input p ∈ [0, 1] (probabilities), target y ∈ [0, 1], same shape.
    /// - Returns: gradient for `input`, the exact derivative of the clamped expression:
    ///   −y/p where log p > −100 (else 0) plus (1 − y)/(1 − p) where log(1 − p) > −100 (else 0).
    ///   (PyTorch's backward instead uses (p − y)/max(p(1 − p), 1e-12); the two agree away from
    ///   the clamp.)
    /// - Stability: the −100 clamp keeps p = 0 or 1 finite; log(1 − p) is log1p(−p). Prefer
    ///   ``bceWithLogits(input:target:posWeight:reduction:)``, which never forms p.
    /// - Reference: PyTorch `binary_cross_entropy`.
    public static func bce(input: [Double], target: [Double], reduction: Reduction = .mean) throws -> LossOutput {
        try Check.count(target, input.count, "target")
        try Check.probability(input, "input")
        try Check.probability(target, "target")
        return try elementwise("bce", count: input.count, names: ["input"], reduction: reduction) { i in
            let p = input[i], y = target[i]
            let lp = Foundation.log(p)
            let lq = Foundation.log1p(-p)
            var v = 0.0
            var g = 0.0
            if lp > -100 { g -= y / p; v -= y * lp } else { v -= y * -100 }
            if lq > -100 { g += (1 - y) / (1 - p); v -= (1 - y) * lq } else { v -= (1 - y) * -100 }
            return (v, [g])
        }
    }
}

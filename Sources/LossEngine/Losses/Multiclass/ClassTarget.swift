import Foundation

/// The target of a multiclass loss: class indices or class probabilities.
public enum ClassTarget: Equatable, Sendable {
    /// One class index per sample (N).
    case indices([Int])
    /// One probability row per sample (N×K).
    case probabilities(Tensor)
}

extension Losses {
    /// For every row of N×K logits: writes softmax into `probs` and returns log-sum-exp per row.
    /// Stability: the row maximum is subtracted before exponentiating (see ``StableMath/logSumExp(_:)``).
    static func rowSoftmax(_ logits: Tensor, into probs: inout [Double]) -> [Double] {
        let n = logits.shape[0], k = logits.shape[1]
        var lse = [Double](repeating: 0, count: n)
        logits.data.withUnsafeBufferPointer { x in
            probs.withUnsafeMutableBufferPointer { p in
                for i in 0..<n {
                    let base = i * k
                    var m = -Double.infinity
                    for j in 0..<k where x[base + j] > m { m = x[base + j] }
                    var s = 0.0
                    for j in 0..<k {
                        let e = Foundation.exp(x[base + j] - m)
                        p[base + j] = e
                        s += e
                    }
                    let inv = 1 / s
                    for j in 0..<k { p[base + j] *= inv }
                    lse[i] = m + Foundation.log(s)
                }
            }
        }
        return lse
    }

    /// Shared form of losses that depend on log p_y only (softmax focal, GCE, SCE, poly-1).
    /// `f(log p_y)` returns (loss, d loss / d log p_y); since d log p_y / d xₖ = δₖᵧ − pₖ the
    /// gradient is φ·(δₖᵧ − pₖ).
    static func logProbLoss(_ name: String, input: Tensor, target: [Int], reduction: Reduction,
                            _ f: (Double) -> (Double, Double)) throws -> LossOutput {
        try Check.rank(input, 2, "input", "N×K logits")
        let n = input.shape[0], k = input.shape[1]
        try Check.nonEmpty(k, "input")
        try Check.count(target, n, "target")
        try Check.classIndices(target, classes: k, "target")
        var probs = [Double](repeating: 0, count: n * k)
        let lse = rowSoftmax(input, into: &probs)
        var grad = probs
        let r = try rows(name, count: n, argument: "input", reduction: reduction) { i, seed in
            let y = target[i]
            let lp = input.data[i * k + y] - lse[i]
            let (v, phi) = f(lp)
            for j in 0..<k { grad[i * k + j] = -seed * phi * probs[i * k + j] }
            grad[i * k + y] += seed * phi
            return v
        }
        return LossOutput.make(total: r.total, denominator: r.denominator, items: r.items, reduction: reduction,
                               gradients: ["input": grad])
    }
}

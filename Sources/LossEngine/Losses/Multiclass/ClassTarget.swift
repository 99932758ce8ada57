import Foundation

/// The target of a multiclass loss: class indices or class probabilities.
public enum ClassTarget: Equatable, Sendable {
    /// One class index per sample (N).
    case indices([Int])
    /// One probability row per sample (N×K).
    case probabilities(Tensor)
}

extension Losses {
    /// For every row of N×K logits: writes softmax into `probs` and returns each row's
    /// normaliser (log p = (x − m) − log1p(r), see ``RowNormaliser``).
    /// Stability: the row maximum is subtracted before exponentiating (see ``StableMath/logSumExp(_:)``).
    /// Speed: the exponentials four at a time (``VectorRow``, ≤ 1 ULP against glibc).
    static func rowSoftmax(_ logits: Tensor, into probs: inout [Double]) -> [RowNormaliser] {
        let n = logits.shape[0], k = logits.shape[1]
        var norms = [RowNormaliser]()
        norms.reserveCapacity(n)
        logits.data.withUnsafeBufferPointer { x in
            probs.withUnsafeMutableBufferPointer { p in
                for i in 0..<n {
                    let base = i * k
                    let row = VectorRow.normaliser(UnsafeBufferPointer(rebasing: x[base..<(base + k)]),
                                                   exps: p.baseAddress! + base)
                    let inv = 1 / (1 + row.rest)
                    for j in 0..<k { p[base + j] *= inv }
                    norms.append(row)
                }
            }
        }
        return norms
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
            let lp = lse[i].logProbability(of: input.data[i * k + y])
            let (v, phi) = f(lp)
            for j in 0..<k { grad[i * k + j] = -seed * phi * probs[i * k + j] }
            grad[i * k + y] = seed * phi * lse[i].complement(at: y, value: input.data[i * k + y])
            return v
        }
        return LossOutput.make(total: r.total, denominator: r.denominator, items: r.items, reduction: reduction,
                               gradients: ["input": grad])
    }
}

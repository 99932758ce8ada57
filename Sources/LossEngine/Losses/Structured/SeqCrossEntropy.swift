import Foundation

extension Losses {
    /// Token-level cross entropy for sequences with a padding mask.
    ///
    /// Per token (n, t): mask·(logSumExp(x_{n,t}) − x_{n,t,y}); mean divides by the number of
    /// unmasked tokens.
    /// - Parameters: input (N×T×K logits), target (N×T indices; any integer where masked),
    ///   mask (N×T of 0/1, or nil for all 1).
    /// - Returns: gradient for `input`: mask·(softmax − onehot)·seed.
    /// - Stability: log-softmax by max subtraction per token.
    /// - Reference: Sutskever et al., "Sequence to Sequence Learning", 2014.
    public static func seqCrossEntropy(input: Tensor, target: [Int], mask: [Double]? = nil,
                                       reduction: Reduction = .mean) throws -> LossOutput {
        try reduction.check(Reduction.standard, loss: "seq_cross_entropy")
        try Check.rank(input, 3, "input", "N×T×K")
        let n = input.shape[0], t = input.shape[1], k = input.shape[2]
        try Check.nonEmpty(n * t, "input")
        try Check.nonEmpty(k, "input")
        try Check.count(target, n * t, "target")
        let m = mask ?? [Double](repeating: 1, count: n * t)
        try Check.count(m, n * t, "mask")
        try Check.binary(m, "mask")
        for i in 0..<(n * t) where m[i] == 1 && (target[i] < 0 || target[i] >= k) {
            throw LossError.classIndexOutOfRange(argument: "target", index: target[i], classCount: k)
        }
        let tokens = m.reduce(0, +)
        let denominator = reduction == .mean ? tokens : 1
        let flat = Tensor(unchecked: [n * t, k], input.data)
        var grad = [Double](repeating: 0, count: input.count)
        let lse = rowSoftmax(flat, into: &grad)
        var items = [Double](repeating: 0, count: reduction == .none ? n * t : 0)
        var total = 0.0
        for i in 0..<(n * t) {
            if m[i] == 0 {
                for j in 0..<k { grad[i * k + j] = 0 }
                continue
            }
            let v = -lse[i].logProbability(of: input.data[i * k + target[i]])
            total += v
            if reduction == .none { items[i] = v }
            for j in 0..<k { grad[i * k + j] /= denominator }
            grad[i * k + target[i]] = -lse[i].complement(at: target[i], value: input.data[i * k + target[i]]) / denominator
        }
        return LossOutput.make(total: total, denominator: denominator, items: items, reduction: reduction,
                               gradients: ["input": grad])
    }
}

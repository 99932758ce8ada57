import Foundation

extension Losses {
    /// Kullback–Leibler divergence with log-probability input (PyTorch `kl_div`).
    ///
    /// Per element: t·(log t − x) (0 where t = 0), or with log_target: eᵗ·(t − x).
    /// Reductions: none, mean (over all elements), sum, batchmean (sum / first dimension, the
    /// true KL per sample).
    /// - Parameters: input x (log-probabilities, any shape), target t (probabilities in [0, 1],
    ///   or log-probabilities with `logTarget`), same shape.
    /// - Returns: gradient for `input`: −t (or −eᵗ).
    /// - Stability: 0·log 0 = 0 (xlogy); no exp of the input.
    /// - Reference: Kullback & Leibler, "On Information and Sufficiency", 1951; PyTorch `kl_div`.
    public static func klDiv(input: Tensor, target: Tensor, logTarget: Bool = false,
                             reduction: Reduction = .mean) throws -> LossOutput {
        try Check.shape(target, input.shape, "target")
        if !logTarget { try Check.probability(target.data, "target") }
        let batch = input.shape.first ?? 1
        try reduction.check([.none, .mean, .sum, .batchmean], loss: "kl_div")
        try Check.nonEmpty(input.count, "input")
        let n = input.count
        let denominator = reduction.denominator(count: n, batch: batch)
        let seed = 1 / denominator
        var items = [Double](repeating: 0, count: reduction == .none ? n : 0)
        var grad = [Double](repeating: 0, count: n)
        var total = 0.0
        for i in 0..<n {
            let x = input.data[i], t = target.data[i]
            let v: Double
            if logTarget {
                let e = Foundation.exp(t)
                v = e * (t - x)
                grad[i] = -e * seed
            } else {
                v = xlogy(t, t) - t * x
                grad[i] = -t * seed
            }
            total += v
            if reduction == .none { items[i] = v }
        }
        return LossOutput.make(total: total, denominator: denominator, items: items, reduction: reduction,
                               gradients: ["input": grad])
    }
}

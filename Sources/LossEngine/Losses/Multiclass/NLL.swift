extension Losses {
    /// Negative log-likelihood of log-probabilities (PyTorch `nll_loss`).
    ///
    /// Per sample: −w_y·x_{y} (0 for y = ignore_index); mean divides by Σ w_y over kept samples.
    /// - Parameters: input x (N×K log-probabilities), target (N indices), weight (K, ≥ 0, or nil),
    ///   ignoreIndex.
    /// - Returns: gradient for `input`: −w_y at (i, yᵢ), 0 elsewhere.
    /// - Stability: linear in the input; no transcendental functions.
    /// - Reference: PyTorch `nll_loss`.
    public static func nll(input: Tensor, target: [Int], weight: [Double]? = nil, ignoreIndex: Int = -100,
                           reduction: Reduction = .mean) throws -> LossOutput {
        try reduction.check(Reduction.standard, loss: "nll")
        try Check.rank(input, 2, "input", "N×K log-probabilities")
        let n = input.shape[0], k = input.shape[1]
        try Check.nonEmpty(n, "input")
        try Check.count(target, n, "target")
        try Check.classIndices(target, classes: k, ignore: ignoreIndex, "target")
        if let w = weight {
            try Check.count(w, k, "weight")
            try Check.nonNegative(w, "weight")
        }
        var den = 0.0
        for i in 0..<n where target[i] != ignoreIndex { den += weight?[target[i]] ?? 1 }
        let denominator = reduction == .mean ? den : 1
        var grad = [Double](repeating: 0, count: n * k)
        var items = [Double](repeating: 0, count: reduction == .none ? n : 0)
        var total = 0.0
        for i in 0..<n where target[i] != ignoreIndex {
            let w = weight?[target[i]] ?? 1
            let v = -w * input.data[i * k + target[i]]
            total += v
            if reduction == .none { items[i] = v }
            grad[i * k + target[i]] = -w / denominator
        }
        return LossOutput.make(total: total, denominator: denominator, items: items, reduction: reduction,
                               gradients: ["input": grad])
    }
}

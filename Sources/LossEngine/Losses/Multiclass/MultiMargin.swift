extension Losses {
    /// Multi-class margin (hinge) loss (PyTorch `multi_margin_loss`).
    ///
    /// Per sample: Σ_{j≠y} max(0, margin − x_y + x_j)^p / K.
    /// - Parameters: input x (N×K scores), target (N indices), margin, p ∈ {1, 2}.
    /// - Returns: gradient for `input`: for every active j, +h^{p−1}·p/K at j and −h^{p−1}·p/K at y.
    /// - Stability: exact.
    /// - Reference: Weston & Watkins, "Multi-class Support Vector Machines", 1998; PyTorch `multi_margin_loss`.
    public static func multiMargin(input: Tensor, target: [Int], margin: Double = 1, p: Int = 1,
                                   reduction: Reduction = .mean) throws -> LossOutput {
        try Check.rank(input, 2, "input", "N×K scores")
        let n = input.shape[0], k = input.shape[1]
        try Check.count(target, n, "target")
        try Check.classIndices(target, classes: k, "target")
        try Check.finite(margin, "margin")
        guard p == 1 || p == 2 else { throw LossError.outOfDomain(argument: "p", value: Double(p), domain: "{1, 2}") }
        var grad = [Double](repeating: 0, count: n * k)
        let r = try rows("multi_margin", count: n, argument: "input", reduction: reduction) { i, seed in
            let y = target[i]
            var v = 0.0
            for j in 0..<k where j != y {
                let h = margin - input.data[i * k + y] + input.data[i * k + j]
                guard h > 0 else { continue }
                v += (p == 1 ? h : h * h) / Double(k)
                let d = seed * (p == 1 ? 1 : 2 * h) / Double(k)
                grad[i * k + j] += d
                grad[i * k + y] -= d
            }
            return v
        }
        return LossOutput.make(total: r.total, denominator: r.denominator, items: r.items, reduction: reduction,
                               gradients: ["input": grad])
    }
}

extension Losses {
    /// Contrastive loss for pairs.
    ///
    /// Per sample, d = ‖x1 − x2‖₂: y·d² + (1 − y)·max(0, m − d)².
    /// - Parameters: x1, x2 (N×D embeddings), label (N, 1 similar, 0 dissimilar), margin m.
    /// - Returns: gradient for `x1`: 2y(x1 − x2) − 2(1 − y)·max(0, m − d)(x1 − x2)/d (the second
    ///   term taken as 0 at d = 0); for `x2` its negative.
    /// - Stability: d² is summed directly; division by d only where d > 0.
    /// - Reference: Hadsell, Chopra & LeCun, "Dimensionality Reduction by Learning an Invariant
    ///   Mapping", 2006.
    public static func contrastive(x1: Tensor, x2: Tensor, label: [Double], margin: Double = 1,
                                   reduction: Reduction = .mean) throws -> LossOutput {
        try Check.rank(x1, 2, "x1", "N×D")
        try Check.shape(x2, x1.shape, "x2")
        let n = x1.shape[0], d = x1.shape[1]
        try Check.count(label, n, "label")
        try Check.binary(label, "label")
        try Check.finite(margin, "margin")
        var g1 = [Double](repeating: 0, count: n * d)
        let r = try rows("contrastive", count: n, argument: "x1", reduction: reduction) { i, seed in
            var d2 = 0.0
            for j in 0..<d {
                let a = x1.data[i * d + j] - x2.data[i * d + j]
                d2 += a * a
            }
            let dist = d2.squareRoot()
            let y = label[i]
            let h = Swift.max(0, margin - dist)
            let coef = 2 * y - (dist > 0 ? 2 * (1 - y) * h / dist : 0)
            for j in 0..<d { g1[i * d + j] = seed * coef * (x1.data[i * d + j] - x2.data[i * d + j]) }
            return y * d2 + (1 - y) * h * h
        }
        return LossOutput.make(total: r.total, denominator: r.denominator, items: r.items, reduction: reduction,
                               gradients: ["x1": g1, "x2": g1.map { -$0 }])
    }
}

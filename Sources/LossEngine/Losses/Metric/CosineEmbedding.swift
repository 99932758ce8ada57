extension Losses {
    /// Cosine embedding loss (PyTorch `cosine_embedding_loss`).
    ///
    /// Per sample, cos = x1·x2 / √((‖x1‖² + ε)(‖x2‖² + ε)), ε = 1e-12: 1 − cos for y = 1,
    /// max(0, cos − margin) for y = −1.
    /// - Parameters: input1, input2 (N×D), target (N, ±1), margin.
    /// - Returns: gradients with ∂cos/∂x1 = x2/√(AB) − cos·x1/A, ∂cos/∂x2 = x1/√(AB) − cos·x2/B.
    /// - Stability: ε keeps zero vectors finite, as PyTorch does.
    /// - Reference: PyTorch `cosine_embedding_loss`.
    public static func cosineEmbedding(input1: Tensor, input2: Tensor, target: [Double], margin: Double = 0,
                                       reduction: Reduction = .mean) throws -> LossOutput {
        try Check.rank(input1, 2, "input1", "N×D")
        try Check.shape(input2, input1.shape, "input2")
        let n = input1.shape[0], d = input1.shape[1]
        try Check.count(target, n, "target")
        try Check.signs(target, "target")
        try Check.finite(margin, "margin")
        var g1 = [Double](repeating: 0, count: n * d)
        var g2 = g1
        let r = try rows("cosine_embedding", count: n, argument: "input1", reduction: reduction) { i, seed in
            var dot = 0.0, a = 1e-12, b = 1e-12
            for j in 0..<d {
                let u = input1.data[i * d + j], v = input2.data[i * d + j]
                dot += u * v
                a += u * u
                b += v * v
            }
            let root = (a * b).squareRoot()
            let cos = dot / root
            let (value, dcos): (Double, Double)
            if target[i] == 1 {
                (value, dcos) = (1 - cos, -1)
            } else {
                (value, dcos) = cos - margin > 0 ? (cos - margin, 1) : (0, 0)
            }
            if dcos != 0 {
                for j in 0..<d {
                    let u = input1.data[i * d + j], v = input2.data[i * d + j]
                    g1[i * d + j] = seed * dcos * (v / root - cos * u / a)
                    g2[i * d + j] = seed * dcos * (u / root - cos * v / b)
                }
            }
            return value
        }
        return LossOutput.make(total: r.total, denominator: r.denominator, items: r.items, reduction: reduction,
                               gradients: ["input1": g1, "input2": g2])
    }
}

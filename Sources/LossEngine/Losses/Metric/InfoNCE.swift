import Foundation

extension Losses {
    /// InfoNCE (NT-Xent style) contrastive loss with in-batch negatives.
    ///
    /// Per sample i: cross entropy of row i of S = q̂ k̂ᵀ/τ with class i, where q̂ = q/max(‖q‖, 1e-12)
    /// (likewise k̂) if `normalize`, else q̂ = q.
    /// - Parameters: query (N×D), key (N×D; row i is the positive of query i), temperature τ > 0,
    ///   normalize.
    /// - Returns: gradients through the similarity matrix: G = softmax(S) − I (row-seeded),
    ///   dq̂ = G k̂/τ, dk̂ = Gᵀ q̂/τ, then through the normalisation (dq = (dq̂ − q̂(q̂·dq̂))/‖q‖).
    /// - Stability: log-softmax per row; τ = 0.01 is fine.
    /// - Reference: van den Oord et al., "Representation Learning with Contrastive Predictive
    ///   Coding", 2018; Chen et al., "SimCLR", 2020.
    public static func infoNCE(query: Tensor, key: Tensor, temperature: Double = 0.1, normalize: Bool = true,
                               reduction: Reduction = .mean) throws -> LossOutput {
        try Check.rank(query, 2, "query", "N×D")
        try Check.shape(key, query.shape, "key")
        try Check.finite(temperature, "temperature")
        try Check.positive(temperature, "temperature")
        let n = query.shape[0], d = query.shape[1]
        try Check.nonEmpty(d, "query")
        try Check.work(Double(n) * Double(n), limit: 4e6, "query")
        func unit(_ t: Tensor) -> ([Double], [Double]) {
            var out = t.data
            var norms = [Double](repeating: 1, count: n)
            if normalize {
                for i in 0..<n {
                    var s = 0.0
                    for j in 0..<d { s += t.data[i * d + j] * t.data[i * d + j] }
                    norms[i] = Swift.max(s.squareRoot(), 1e-12)
                    for j in 0..<d { out[i * d + j] /= norms[i] }
                }
            }
            return (out, norms)
        }
        let (qh, qn) = unit(query)
        let (kh, kn) = unit(key)
        var s = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n {
                var dot = 0.0
                for c in 0..<d { dot += qh[i * d + c] * kh[j * d + c] }
                s[i * n + j] = dot / temperature
            }
        }
        let logits = Tensor(unchecked: [n, n], s)
        let ce = try crossEntropy(input: logits, target: .indices(Array(0..<n)), reduction: reduction)
        let g = ce.gradient("input")
        var dqh = [Double](repeating: 0, count: n * d)
        var dkh = dqh
        for i in 0..<n {
            for j in 0..<n {
                let gij = g[i * n + j] / temperature
                if gij == 0 { continue }
                for c in 0..<d {
                    dqh[i * d + c] += gij * kh[j * d + c]
                    dkh[j * d + c] += gij * qh[i * d + c]
                }
            }
        }
        func back(_ dh: [Double], _ h: [Double], _ norms: [Double], _ raw: Tensor) -> [Double] {
            guard normalize else { return dh }
            var out = dh
            for i in 0..<n {
                var rawNorm = 0.0
                for c in 0..<d { rawNorm += raw.data[i * d + c] * raw.data[i * d + c] }
                if rawNorm.squareRoot() < 1e-12 {
                    for c in 0..<d { out[i * d + c] = dh[i * d + c] / norms[i] }
                    continue
                }
                var dot = 0.0
                for c in 0..<d { dot += h[i * d + c] * dh[i * d + c] }
                for c in 0..<d { out[i * d + c] = (dh[i * d + c] - h[i * d + c] * dot) / norms[i] }
            }
            return out
        }
        return LossOutput(value: ce.value, items: ce.items, reduction: reduction,
                          gradients: ["query": back(dqh, qh, qn, query), "key": back(dkh, kh, kn, key)])
    }
}

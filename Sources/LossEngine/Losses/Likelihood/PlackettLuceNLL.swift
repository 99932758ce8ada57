import Foundation

extension Losses {
    /// Plackett–Luce negative log-likelihood of observed rankings.
    ///
    /// Per sample: −Σₖ [s_{πₖ} − log Σ_{j≥k} e^{s_{πⱼ}}] (``PlackettLuce``).
    /// - Parameters: scores s (N×K), ranking (N rows, each a permutation of 0..<K, best first).
    /// - Returns: gradient for `scores`: d/ds_{πⱼ} = Σ_{k≤j} e^{s_{πⱼ} − Lₖ} − 1, where Lₖ is the
    ///   k-th suffix log-normaliser; the inner sum is kept in log space (log Cⱼ = logAddExp over
    ///   −Lₖ), so it is O(K) and never overflows.
    /// - Stability: suffix logSumExp accumulated with logAddExp on scores shifted by the row
    ///   maximum (so [1e16, 1e16] gives log 2, not 0); scores of ±1000 are fine.
    /// - Reference: Plackett, "The Analysis of Permutations", 1975; Luce, *Individual Choice
    ///   Behavior*, 1959; Cao et al., "ListNet", 2007.
    public static func plackettLuceNLL(scores: Tensor, ranking: [[Int]], reduction: Reduction = .mean) throws -> LossOutput {
        try Check.rank(scores, 2, "scores", "N×K")
        let n = scores.shape[0], k = scores.shape[1]
        guard ranking.count == n else {
            throw LossError.shapeMismatch(argument: "ranking", expected: [n, k], found: [ranking.count, ranking.first?.count ?? 0])
        }
        for row in ranking { try PlackettLuce.checkPermutation(row, count: k, argument: "ranking") }
        try Check.nonEmpty(k, "scores")
        var grad = [Double](repeating: 0, count: n * k)
        var suffix = [Double](repeating: 0, count: k)
        let r = try rows("plackett_luce_nll", count: n, argument: "scores", reduction: reduction) { i, seed in
            let pi = ranking[i]
            var top = -Double.infinity
            for j in 0..<k { top = Swift.max(top, scores.data[i * k + j]) }
            let s = { (j: Int) in scores.data[i * k + pi[j]] - top }
            var acc = -Double.infinity
            var loss = 0.0
            for j in stride(from: k - 1, through: 0, by: -1) {
                acc = StableMath.logAddExp(acc, s(j))
                suffix[j] = acc
                loss += acc - s(j)
            }
            var logC = -Double.infinity
            for j in 0..<k {
                logC = StableMath.logAddExp(logC, -suffix[j])
                grad[i * k + pi[j]] = seed * (Foundation.exp(s(j) + logC) - 1)
            }
            return loss
        }
        return LossOutput.make(total: r.total, denominator: r.denominator, items: r.items, reduction: reduction,
                               gradients: ["scores": grad])
    }
}

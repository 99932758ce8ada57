import Foundation

extension Losses {
    /// Negative log-likelihood of a linear-chain conditional random field.
    ///
    /// Per sample: log Z − score(tags), score = start[y₀] + Σₜ e_t[yₜ] + Σₜ A[yₜ₋₁, yₜ] + end[y_{T−1}],
    /// log Z by the forward algorithm.
    /// - Parameters: emissions (N×T×K), tags (N×T indices), transitions A (K×K, from i to j),
    ///   start (K), end (K).
    /// - Returns: gradients = expected feature counts − observed counts: node marginals
    ///   μₜ(j) − 1[yₜ = j] (emissions), pair marginals Σₜ ξₜ(i, j) − transition counts
    ///   (transitions), μ₀ − onehot(y₀) (start), μ_{T−1} − onehot(y_{T−1}) (end), by forward–backward.
    /// - Stability: both recursions in log space with logSumExp.
    /// - Reference: Lafferty, McCallum & Pereira, "Conditional Random Fields", 2001.
    public static func crfNLL(emissions: Tensor, tags: [[Int]], transitions: Tensor, start: [Double], end: [Double],
                              reduction: Reduction = .mean) throws -> LossOutput {
        try Check.rank(emissions, 3, "emissions", "N×T×K")
        let n = emissions.shape[0], tl = emissions.shape[1], k = emissions.shape[2]
        try Check.nonEmpty(tl, "emissions")
        try Check.nonEmpty(k, "emissions")
        try Check.shape(transitions, [k, k], "transitions")
        try Check.work(Double(n) * Double(tl) * Double(k) * Double(k), "emissions")
        try Check.count(start, k, "start")
        try Check.count(end, k, "end")
        guard tags.count == n, tags.allSatisfy({ $0.count == tl }) else {
            throw LossError.shapeMismatch(argument: "tags", expected: [n, tl], found: [tags.count, tags.first?.count ?? 0])
        }
        for row in tags { try Check.classIndices(row, classes: k, "tags") }
        let e = emissions.data, a = transitions.data
        var gE = [Double](repeating: 0, count: e.count)
        var gA = [Double](repeating: 0, count: k * k)
        var gS = [Double](repeating: 0, count: k), gEnd = gS
        var tmp = [Double](repeating: 0, count: k)
        let r = try rows("crf_nll", count: n, argument: "emissions", reduction: reduction) { b, seed in
            func em(_ t: Int, _ j: Int) -> Double { e[(b * tl + t) * k + j] }
            var alpha = [[Double]](repeating: [Double](repeating: 0, count: k), count: tl)
            for j in 0..<k { alpha[0][j] = start[j] + em(0, j) }
            for t in 1..<Swift.max(tl, 1) {
                for j in 0..<k {
                    for i in 0..<k { tmp[i] = alpha[t - 1][i] + a[i * k + j] }
                    alpha[t][j] = em(t, j) + StableMath.logSumExp(tmp)
                }
            }
            for j in 0..<k { tmp[j] = alpha[tl - 1][j] + end[j] }
            let logZ = StableMath.logSumExp(tmp)
            var beta = [[Double]](repeating: [Double](repeating: 0, count: k), count: tl)
            beta[tl - 1] = end
            for t in stride(from: tl - 2, through: 0, by: -1) {
                for i in 0..<k {
                    for j in 0..<k { tmp[j] = a[i * k + j] + em(t + 1, j) + beta[t + 1][j] }
                    beta[t][i] = StableMath.logSumExp(tmp)
                }
            }
            let y = tags[b]
            var score = start[y[0]] + end[y[tl - 1]]
            for t in 0..<tl {
                score += em(t, y[t])
                if t > 0 { score += a[y[t - 1] * k + y[t]] }
                for j in 0..<k {
                    let mu = Foundation.exp(alpha[t][j] + beta[t][j] - logZ)
                    gE[(b * tl + t) * k + j] = seed * (mu - (y[t] == j ? 1 : 0))
                    if t == 0 { gS[j] += seed * mu }
                    if t == tl - 1 { gEnd[j] += seed * mu }
                }
                if t > 0 {
                    for i in 0..<k {
                        for j in 0..<k {
                            gA[i * k + j] += seed * Foundation.exp(alpha[t - 1][i] + a[i * k + j] + em(t, j) + beta[t][j] - logZ)
                        }
                    }
                    gA[y[t - 1] * k + y[t]] -= seed
                }
            }
            gS[y[0]] -= seed
            gEnd[y[tl - 1]] -= seed
            return logZ - score
        }
        return LossOutput.make(total: r.total, denominator: r.denominator, items: r.items, reduction: reduction,
                               gradients: ["emissions": gE, "transitions": gA, "start": gS, "end": gEnd])
    }
}

import Foundation

extension Losses {
    /// Circle loss for pair similarities.
    ///
    /// Per sample, Δp = 1 − m, Δn = m, αp = max(0, 1 + m − sp), αn = max(0, sn + m):
    /// softplus(logSumExp_j γαn(sn_j − Δn) + logSumExp_i −γαp(sp_i − Δp)).
    /// - Parameters: sp (N×P positive-pair similarities), sn (N×Q negative-pair similarities),
    ///   m (relaxation margin), gamma γ > 0 (scale).
    /// - Returns: gradients with αp, αn held constant (as the paper and its code detach them):
    ///   d/dsp_i = −σ(z)·softmax(lp)_i·γαp_i, d/dsn_j = σ(z)·softmax(ln)_j·γαn_j.
    /// - Stability: logSumExp and softplus, so γ = 256 with similarities near 1 stays finite.
    /// - Reference: Sun et al., "Circle Loss: A Unified Perspective of Pair Similarity
    ///   Optimization", 2020.
    public static func circle(sp: Tensor, sn: Tensor, m: Double = 0.25, gamma: Double = 256,
                              reduction: Reduction = .mean) throws -> LossOutput {
        try Check.rank(sp, 2, "sp", "N×P")
        try Check.rank(sn, 2, "sn", "N×Q")
        let n = sp.shape[0], pc = sp.shape[1], qc = sn.shape[1]
        guard sn.shape[0] == n else { throw LossError.shapeMismatch(argument: "sn", expected: [n, qc], found: sn.shape) }
        try Check.nonEmpty(pc, "sp")
        try Check.nonEmpty(qc, "sn")
        try Check.finite(m, "m")
        try Check.finite(gamma, "gamma")
        try Check.positive(gamma, "gamma")
        var gp = [Double](repeating: 0, count: n * pc)
        var gn = [Double](repeating: 0, count: n * qc)
        let r = try rows("circle", count: n, argument: "sp", reduction: reduction) { i, seed in
            var lp = [Double](repeating: 0, count: pc), ap = lp
            var ln = [Double](repeating: 0, count: qc), an = ln
            for j in 0..<pc {
                let s = sp.data[i * pc + j]
                ap[j] = Swift.max(0, 1 + m - s)
                lp[j] = -gamma * ap[j] * (s - (1 - m))
            }
            for j in 0..<qc {
                let s = sn.data[i * qc + j]
                an[j] = Swift.max(0, s + m)
                ln[j] = gamma * an[j] * (s - m)
            }
            let lseP = StableMath.logSumExp(lp), lseN = StableMath.logSumExp(ln)
            let z = lseP + lseN
            let sig = StableMath.sigmoid(z)
            for j in 0..<pc { gp[i * pc + j] = -seed * sig * Foundation.exp(lp[j] - lseP) * gamma * ap[j] }
            for j in 0..<qc { gn[i * qc + j] = seed * sig * Foundation.exp(ln[j] - lseN) * gamma * an[j] }
            return StableMath.softplus(z)
        }
        return LossOutput.make(total: r.total, denominator: r.denominator, items: r.items, reduction: reduction,
                               gradients: ["sp": gp, "sn": gn])
    }
}

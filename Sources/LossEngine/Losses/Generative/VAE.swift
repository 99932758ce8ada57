import Foundation

extension Losses {
    /// KL divergence of a diagonal Gaussian from the standard normal (the VAE regulariser).
    ///
    /// Per sample: ½ Σ_z (e^{lv} + μ² − 1 − lv).
    /// - Parameters: mu (N×Z), logvar (N×Z).
    /// - Returns: gradients μ (mu) and ½(e^{lv} − 1) (logvar).
    /// - Stability: e^{lv} − 1 − lv as expm1(lv) − lv, accurate near lv = 0.
    /// - Reference: Kingma & Welling, "Auto-Encoding Variational Bayes", 2014 (appendix B).
    public static func gaussianKL(mu: Tensor, logvar: Tensor, reduction: Reduction = .mean) throws -> LossOutput {
        try Check.rank(mu, 2, "mu", "N×Z")
        try Check.shape(logvar, mu.shape, "logvar")
        let n = mu.shape[0], z = mu.shape[1]
        var gMu = [Double](repeating: 0, count: n * z)
        var gLv = gMu
        let r = try rows("gaussian_kl", count: n, argument: "mu", reduction: reduction) { i, seed in
            gaussianKLRow(mu, logvar, i, z, seed, scale: 1, &gMu, &gLv)
        }
        return LossOutput.make(total: r.total, denominator: r.denominator, items: r.items, reduction: reduction,
                               gradients: ["mu": gMu, "logvar": gLv])
    }

    static func gaussianKLRow(_ mu: Tensor, _ logvar: Tensor, _ i: Int, _ z: Int, _ seed: Double, scale: Double,
                              _ gMu: inout [Double], _ gLv: inout [Double]) -> Double {
        var v = 0.0
        for j in 0..<z {
            let m = mu.data[i * z + j], lv = logvar.data[i * z + j]
            v += 0.5 * (Foundation.expm1(lv) - lv + m * m)
            gMu[i * z + j] = seed * scale * m
            gLv[i * z + j] = seed * scale * 0.5 * Foundation.expm1(lv)
        }
        return scale * v
    }

    /// The likelihood term of ``vae(recon:x:mu:logvar:beta:likelihood:reduction:)``.
    public enum VAELikelihood: String, Sendable, CaseIterable {
        /// recon are logits; −log p = bce_with_logits(recon, x) summed over D.
        case bernoulli
        /// recon are means with unit variance; −log p = ½(x − recon)² summed over D (no constant).
        case gaussian
    }

    /// Negative evidence lower bound of a VAE (β-VAE weighting).
    ///
    /// Per sample: Σ_D reconstruction NLL + β·½Σ_Z(e^{lv} + μ² − 1 − lv).
    /// - Parameters: recon (N×D logits or means), x (N×D data; in [0, 1] for bernoulli), mu (N×Z),
    ///   logvar (N×Z), beta β ≥ 0, likelihood.
    /// - Returns: gradients for `recon` (σ(r) − x, or r − x), `mu` (βμ), `logvar` (β·½(e^{lv} − 1)).
    /// - Stability: bernoulli term in the softplus form (logits of ±1000 fine); KL with expm1.
    /// - Reference: Kingma & Welling, 2014; Higgins et al., "β-VAE", 2017.
    public static func vae(recon: Tensor, x: Tensor, mu: Tensor, logvar: Tensor, beta: Double = 1,
                           likelihood: VAELikelihood = .bernoulli, reduction: Reduction = .mean) throws -> LossOutput {
        try Check.rank(recon, 2, "recon", "N×D")
        try Check.shape(x, recon.shape, "x")
        try Check.rank(mu, 2, "mu", "N×Z")
        try Check.shape(logvar, mu.shape, "logvar")
        let n = recon.shape[0], d = recon.shape[1], z = mu.shape[1]
        guard mu.shape[0] == n else { throw LossError.shapeMismatch(argument: "mu", expected: [n, z], found: mu.shape) }
        try Check.finite(beta, "beta")
        try Check.nonNegative(beta, "beta")
        if likelihood == .bernoulli { try Check.probability(x.data, "x") }
        var gR = [Double](repeating: 0, count: n * d)
        var gMu = [Double](repeating: 0, count: n * z)
        var gLv = gMu
        let r = try rows("vae", count: n, argument: "recon", reduction: reduction) { i, seed in
            var v = 0.0
            for j in 0..<d {
                let rr = recon.data[i * d + j], xx = x.data[i * d + j]
                switch likelihood {
                case .bernoulli:
                    v += StableMath.softplus(rr) - xx * rr
                    gR[i * d + j] = seed * (StableMath.sigmoid(rr) - xx)
                case .gaussian:
                    v += 0.5 * (xx - rr) * (xx - rr)
                    gR[i * d + j] = seed * (rr - xx)
                }
            }
            return v + gaussianKLRow(mu, logvar, i, z, seed, scale: beta, &gMu, &gLv)
        }
        return LossOutput.make(total: r.total, denominator: r.denominator, items: r.items, reduction: reduction,
                               gradients: ["recon": gR, "mu": gMu, "logvar": gLv])
    }
}

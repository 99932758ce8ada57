import Foundation

extension Losses {
    /// Mixture-density-network negative log-likelihood (univariate Gaussian mixture).
    ///
    /// Per sample: −log Σₘ softmax(π)ₘ N(y; μₘ, e^{2sₘ}) (``GaussianMixture``).
    /// - Parameters: logits π (N×M), means μ (N×M), logScales s (N×M), target y (N).
    /// - Returns: gradients, with responsibilities rₘ = posterior of component m:
    ///   d/dπₘ = softmax(π)ₘ − rₘ, d/dμₘ = −rₘ (y − μₘ)/σₘ², d/dsₘ = rₘ(1 − zₘ²).
    /// - Stability: logSumExp over per-component log densities; responsibilities by softmax of
    ///   those log terms, so far-away targets give finite values and gradients.
    /// - Reference: Bishop, "Mixture Density Networks", 1994.
    public static func mixtureGaussianNLL(logits: Tensor, means: Tensor, logScales: Tensor, target: [Double],
                                          reduction: Reduction = .mean) throws -> LossOutput {
        try Check.rank(logits, 2, "logits", "N×M")
        try Check.shape(means, logits.shape, "means")
        try Check.shape(logScales, logits.shape, "log_scales")
        let n = logits.shape[0], m = logits.shape[1]
        try Check.count(target, n, "target")
        try Check.nonEmpty(m, "logits")
        var gPi = [Double](repeating: 0, count: n * m)
        var gMu = gPi, gS = gPi
        var terms = [Double](repeating: 0, count: m)
        let r = try rows("mixture_gaussian_nll", count: n, argument: "logits", reduction: reduction) { i, seed in
            let row = Array(logits.data[(i * m)..<((i + 1) * m)])
            let lw = StableMath.logSoftmax(row)
            var z = [Double](repeating: 0, count: m)
            for k in 0..<m {
                let s = logScales.data[i * m + k]
                z[k] = (target[i] - means.data[i * m + k]) * Foundation.exp(-s)
                terms[k] = lw[k] - 0.5 * z[k] * z[k] - s - Normal.halfLog2Pi
            }
            let lse = StableMath.logSumExp(terms)
            for k in 0..<m {
                let resp = Foundation.exp(terms[k] - lse)
                let sigmaInv = Foundation.exp(-logScales.data[i * m + k])
                gPi[i * m + k] = seed * (Foundation.exp(lw[k]) - resp)
                gMu[i * m + k] = -seed * resp * z[k] * sigmaInv
                gS[i * m + k] = seed * resp * (1 - z[k] * z[k])
            }
            return -lse
        }
        return LossOutput.make(total: r.total, denominator: r.denominator, items: r.items, reduction: reduction,
                               gradients: ["logits": gPi, "means": gMu, "log_scales": gS])
    }
}

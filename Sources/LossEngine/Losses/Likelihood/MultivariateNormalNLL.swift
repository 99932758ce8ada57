import Foundation

extension Losses {
    /// Multivariate normal negative log-likelihood with a Cholesky factor.
    ///
    /// Per sample: ½D log 2π + Σᵢ log Lᵢᵢ + ½‖L⁻¹(y − μ)‖² (``MultivariateNormal``).
    /// - Parameters: mean μ (N×D), scaleTril L (D×D, lower triangular, positive diagonal, shared by
    ///   all samples), target y (N×D).
    /// - Returns: with z = L⁻¹(y − μ) and w = L⁻ᵀz: d/dμ = −w; d/dL = diag(1/Lᵢᵢ) − w zᵀ on the
    ///   lower triangle (0 above it), summed over samples.
    /// - Stability: triangular solves only; Σ is never formed or inverted.
    /// - Reference: `torch.distributions.MultivariateNormal`; Murphy, *Machine Learning*, 2012.
    public static func mvnNLL(mean: Tensor, scaleTril: Tensor, target: Tensor,
                              reduction: Reduction = .mean) throws -> LossOutput {
        try Check.rank(mean, 2, "mean", "N×D")
        try Check.shape(target, mean.shape, "target")
        let n = mean.shape[0], d = mean.shape[1]
        try Check.nonEmpty(d, "mean")
        try Check.work(Double(n) * Double(d) * Double(d), "mean")
        try MultivariateNormal.validate(scaleTril, dimension: d)
        let l = scaleTril.data
        var gMean = [Double](repeating: 0, count: n * d)
        var gL = [Double](repeating: 0, count: d * d)
        let r = try rows("mvn_nll", count: n, argument: "mean", reduction: reduction) { i, seed in
            let z = MultivariateNormal.whiten(target.data, mean: mean.data, l: l, d: d, offset: i * d, meanOffset: i * d)
            // w = L⁻ᵀ z by back substitution.
            var w = [Double](repeating: 0, count: d)
            for a in stride(from: d - 1, through: 0, by: -1) {
                var s = z[a]
                for b in (a + 1)..<Swift.max(d, a + 1) { s -= l[b * d + a] * w[b] }
                w[a] = s / l[a * d + a]
            }
            for a in 0..<d {
                gMean[i * d + a] = -seed * w[a]
                for b in 0...a { gL[a * d + b] -= seed * w[a] * z[b] }
                gL[a * d + a] += seed / l[a * d + a]
            }
            return -MultivariateNormal.logDensity(z: z, l: l, d: d)
        }
        return LossOutput.make(total: r.total, denominator: r.denominator, items: r.items, reduction: reduction,
                               gradients: ["mean": gMean, "scale_tril": gL])
    }
}

import Foundation

extension Losses {
    /// Laplace negative log-likelihood.
    ///
    /// Per element, a = input − target: |a|/b + log b, plus log 2 if `full` (then exactly
    /// −log Laplace(target; input, b), see ``Laplace``).
    /// - Parameters: input (locations), target (same shape), scale b > 0 (same shape or one value).
    /// - Returns: gradients for `input` (sign(a)/b, 0 at a = 0) and `scale` (1/b − |a|/b²).
    /// - Stability: log space, no exp.
    /// - Reference: Laplace (1774); Kendall & Gal, "What Uncertainties Do We Need…", 2017.
    public static func laplaceNLL(input: [Double], target: [Double], scale: [Double], full: Bool = false,
                                  reduction: Reduction = .mean) throws -> LossOutput {
        try Check.count(target, input.count, "target")
        let b = try Check.broadcast(scale, to: input.count, "scale")
        try Check.positive(b, "scale")
        var out = try elementwise2("laplace_nll", count: input.count, arguments: ("input", "scale"), reduction: reduction) { i in
            var v = -Laplace.logDensity(target[i], loc: input[i], scale: b[i])
            if !full { v -= M_LN2 }
            let g = Laplace.logDensityGradient(target[i], loc: input[i], scale: b[i])
            return (v, -g.loc, -g.scale)
        }
        out.gradients["scale"] = unbroadcast(out.gradient("scale"), to: scale.count)
        return out
    }
}

import Foundation

extension Losses {
    /// Gaussian negative log-likelihood with a predicted variance (PyTorch's form).
    ///
    /// Per element, a = input − target, v = max(var, eps): ½(log v + a²/v), plus ½ log 2π if `full`.
    /// With `full` this is exactly −log N(target; input, v) (``Normal``).
    /// - Parameters:
    ///   - input: predicted means, any shape; target: same shape.
    ///   - variance: predicted variances ≥ 0, same shape or one value for all.
    ///   - eps: lower clamp of the variance (> 0).
    /// - Returns: gradients for `input` (a/v) and `var` (½(1/v − a²/v²)). As in PyTorch, the clamp
    ///   is applied without blocking the gradient (it is taken at v).
    /// - Stability: log v with v ≥ eps, no exp; a²/v is a·(a/v) and a²/v² is (a/v)², so a = v =
    ///   1e200 gives gradient 0, not ∞ − ∞.
    /// - Reference: Nix & Weigend, "Estimating the mean and variance of the target probability
    ///   distribution", 1994; PyTorch `gaussian_nll_loss`.
    public static func gaussianNLL(input: [Double], target: [Double], variance: [Double], eps: Double = 1e-6,
                                   full: Bool = false, reduction: Reduction = .mean) throws -> LossOutput {
        try Check.count(target, input.count, "target")
        try Check.finite(eps, "eps")
        try Check.positive(eps, "eps")
        let v = try Check.broadcast(variance, to: input.count, "var")
        for x in v where x < 0 { throw LossError.outOfDomain(argument: "var", value: x, domain: "[0, ∞)") }
        let constant = full ? Normal.halfLog2Pi : 0
        var out = try input.withUnsafeBufferPointer { x in
            try target.withUnsafeBufferPointer { y in
                try v.withUnsafeBufferPointer { vv in
                    try elementwise2("gaussian_nll", count: x.count, arguments: ("input", "var"), reduction: reduction) { i in
                        let vi = Swift.max(vv[i], eps)
                        let a = x[i] - y[i]
                        let r = a / vi
                        return (0.5 * (Foundation.log(vi) + a * r) + constant, r, 0.5 * (1 / vi - r * r))
                    }
                }
            }
        }
        out.gradients["var"] = unbroadcast(out.gradient("var"), to: variance.count)
        return out
    }
}

import Foundation

extension Losses {
    /// Poisson negative log-likelihood (PyTorch's form).
    ///
    /// Per element, with log_input: e^x − y·x; otherwise x − y·log(x + eps). With `full` the
    /// Stirling term y log y − y + ½ log(2πy) is added where y > 1, approximating log y!.
    /// - Parameters: input x (log-rates, or rates ≥ 0 when `logInput` is false), target y ≥ 0
    ///   (counts), same shape.
    /// - Returns: gradient for `input`: e^x − y, or 1 − y/(x + eps).
    /// - Stability: e^x overflows only where the loss itself exceeds the double range (x > 709).
    /// - Reference: PyTorch `poisson_nll_loss`; Stirling's approximation.
    public static func poissonNLL(input: [Double], target: [Double], logInput: Bool = true, full: Bool = false,
                                  eps: Double = 1e-8, reduction: Reduction = .mean) throws -> LossOutput {
        try Check.count(target, input.count, "target")
        try Check.nonNegative(target, "target")
        try Check.finite(eps, "eps")
        if !logInput { try Check.nonNegative(input, "input") }
        return try elementwise1("poisson_nll", count: input.count, argument: "input", reduction: reduction) { i in
            let x = input[i]
            let y = target[i]
            var v: Double
            var g: Double
            if logInput {
                let e = Foundation.exp(x)
                v = e - y * x
                g = e - y
            } else {
                v = x - y * Foundation.log(x + eps)
                g = 1 - y / (x + eps)
            }
            if full && y > 1 { v += y * Foundation.log(y) - y + Normal.halfLog2Pi + 0.5 * Foundation.log(y) }
            return (v, g)
        }
    }
}

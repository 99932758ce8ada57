import Foundation

extension Losses {
    /// Log-cosh loss.
    ///
    /// Per element: log cosh(x − y); gradient tanh(x − y).
    /// - Parameters: input, target of the same shape.
    /// - Stability: ``StableMath/logCosh(_:)`` never forms cosh, so |a| = 1000 gives 999.307…
    ///   instead of infinity.
    /// - Speed: four residuals at a time (``LogCoshKernel``), the same stable forms written with
    ///   the vector expm1 and log1p.
    /// - Reference: Chen et al., "Log Hyperbolic Cosine Loss Improves Variational Auto-Encoder", 2019.
    public static func logCosh(input: [Double], target: [Double], reduction: Reduction = .mean) throws -> LossOutput {
        try Check.count(target, input.count, "target")
        return try input.withUnsafeBufferPointer { x in
            try target.withUnsafeBufferPointer { y in
                try lanewise1("log_cosh", count: x.count, argument: "input", reduction: reduction) { i, full in
                    let a = full ? Lanes(x[i] - y[i], x[i + 1] - y[i + 1], x[i + 2] - y[i + 2], x[i + 3] - y[i + 3])
                                 : Lanes(repeating: x[i] - y[i])
                    return LogCoshKernel.lanes(a)
                }
            }
        }
    }
}

/// log cosh a and tanh a over four lanes, from expm1 and log1p only (no cosh, no tanh call).
enum LogCoshKernel {
    /// For |a| < 1, cosh a − 1 = (eᵃ − 1)²/(2eᵃ) = m²/(2(1 + m)) with m = expm1(|a|), so the
    /// value is log1p of that (full relative precision for tiny a, like 2 sinh²(a/2) in
    /// ``StableMath/logCosh(_:)``); above, |a| + log1p(e^{−2|a|}) − log 2. The gradient
    /// tanh|a| = −t/(2 + t) with t = expm1(−2|a|), accurate for tiny and huge |a|, signed.
    @inline(__always)
    static func lanes(_ a: Lanes) -> (value: Lanes, gradient: Lanes) {
        let m = VectorMath.abs(a)
        let em = VectorMath.expm1(m)
        let t = VectorMath.expm1(-2 * m)
        let small = VectorMath.log1p(em * em / (2 * (1 + em)))
        let large = m + VectorMath.log1p(1 + t) - M_LN2
        let value = large.replacing(with: small, where: m .< 1)
        let th = -t / (2 + t)
        let gradient = th.replacing(with: -th, where: a .< 0)
        return (value, gradient)
    }
}

import Foundation

extension StableMath {
    /// softplus(x) = log(1 + eˣ).
    ///
    /// Stability: written as max(x, 0) + log1p(e^{−|x|}); the exponent is never positive, so no
    /// overflow for x = 1000, and log1p keeps the tiny tail for x = −1000 (≈ e^{−1000} → 0
    /// without going negative).
    @inline(__always)
    public static func softplus(_ x: Double) -> Double {
        Swift.max(x, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(x)))
    }

    /// log σ(x) = −softplus(−x); finite for every finite x (log σ(−1000) = −1000).
    @inline(__always)
    public static func logSigmoid(_ x: Double) -> Double {
        -softplus(-x)
    }

    /// σ(x) = 1 / (1 + e^{−x}).
    ///
    /// Stability: for x < 0 the algebraically equal eˣ / (1 + eˣ) is used so e^{−x} never
    /// overflows; the result is in [0, 1] for every input.
    @inline(__always)
    public static func sigmoid(_ x: Double) -> Double {
        if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
        let e = Foundation.exp(x)
        return e / (1 + e)
    }
}

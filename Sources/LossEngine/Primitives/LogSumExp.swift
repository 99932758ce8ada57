import Foundation

/// Numerically stable building blocks. Every function here returns a finite result for finite
/// input wherever the mathematical value is finite; each documents why.
public enum StableMath {
    /// log Σᵢ exp(xᵢ).
    ///
    /// Stability: the maximum m is subtracted before exponentiating, so every exponent is ≤ 0
    /// (no overflow) and the largest term is exactly 1 (the sum is ≥ 1, so its log never sees 0).
    /// Logits of ±1000 and 10,000 classes are fine. Returns −∞ for an empty input and for all
    /// entries −∞; +∞ if any entry is +∞.
    public static func logSumExp(_ x: [Double]) -> Double {
        x.withUnsafeBufferPointer { logSumExp($0) }
    }

    /// log Σᵢ exp(xᵢ) over a buffer; see ``logSumExp(_:)-swift.type.method``.
    @inline(__always)
    static func logSumExp(_ x: UnsafeBufferPointer<Double>) -> Double {
        guard !x.isEmpty else { return -.infinity }
        var m = -Double.infinity
        for v in x where v > m { m = v }
        if !m.isFinite { return m }
        var s = 0.0
        for v in x { s += Foundation.exp(v - m) }
        return m + Foundation.log(s)
    }

    /// log(exp(a) + exp(b)), with the larger argument factored out (same reasoning as
    /// ``logSumExp(_:)``) and `log1p` for the small remainder.
    @inline(__always)
    public static func logAddExp(_ a: Double, _ b: Double) -> Double {
        let m = Swift.max(a, b)
        if m == -.infinity { return -.infinity }
        if m == .infinity { return .infinity }
        return m + Foundation.log1p(Foundation.exp(-Swift.abs(a - b)))
    }

    /// log softmax(x)ᵢ = (xᵢ − m) − log Σⱼ e^{xⱼ − m}, m = maxⱼ xⱼ.
    ///
    /// Stability: never the log of a probability, so a class with probability 1e-400 still has
    /// a finite log-probability; and never xᵢ − (m + log s): at logits of 1e16, m + log 2 rounds
    /// back to m and the log-probabilities of [1e16, 1e16] would come out 0 instead of −log 2.
    /// The normaliser is log1p of the other entries' sum, so a confident row keeps the tiny
    /// −log p of its winner (see ``RowNormaliser``).
    public static func logSoftmax(_ x: [Double]) -> [Double] {
        let r = x.withUnsafeBufferPointer { RowNormaliser($0) }
        return x.map { r.logProbability(of: $0) }
    }

    /// softmax(x)ᵢ = exp(xᵢ − logSumExp(x)); every exponent ≤ 0, the entries sum to 1 up to rounding.
    public static func softmax(_ x: [Double]) -> [Double] {
        let r = x.withUnsafeBufferPointer { RowNormaliser($0) }
        return x.map { Foundation.exp(r.logProbability(of: $0)) }
    }

    /// log(1 − eˣ) for x ≤ 0 (Mächler 2012, "Accurately computing log(1 − exp(−|a|))").
    ///
    /// Stability: near 0, 1 − eˣ cancels, so it uses log(−expm1(x)); far below, eˣ is tiny and
    /// log1p(−eˣ) keeps it. The switch at −log 2 keeps both branches accurate to a few ulps.
    public static func log1mExp(_ x: Double) -> Double {
        if x > 0 { return .nan }
        if x > -M_LN2 { return Foundation.log(-Foundation.expm1(x)) }
        return Foundation.log1p(-Foundation.exp(x))
    }

    /// log(eˣ − 1) for x > 0, the inverse of softplus.
    ///
    /// Stability: for large x, eˣ overflows, so it is x + log(1 − e^{−x}) = x + log1mExp(−x);
    /// for small x, eˣ − 1 cancels, and log(expm1(x)) keeps full precision (log1mExp makes the
    /// same switch). Finite for every finite x > 0.
    public static func logExpm1(_ x: Double) -> Double {
        if x <= 0 { return x == 0 ? -.infinity : .nan }
        return x + log1mExp(-x)
    }
}

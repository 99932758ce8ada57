import Foundation

/// The softmax normaliser of one row of logits, kept as a shift and a small remainder.
///
/// log Σⱼ e^{xⱼ} = m + log(1 + r), m = maxⱼ xⱼ, r = Σ_{j ≠ argmax} e^{xⱼ − m}.
///
/// Why two parts: m + log(1 + r) rounds away log(1 + r) when m is large (m = 1e16), and
/// 1 + r rounds r away when r < 2⁻⁵³ (a confident row); keeping m apart and taking log1p(r)
/// gives −log p_winner = log1p(r) > 0 to full relative precision instead of 0.
struct RowNormaliser {
    /// The row maximum m (the first one if several are equal).
    let shift: Double
    /// log(1 + r) = log Σⱼ e^{xⱼ − m}.
    let logNorm: Double
    /// r: the sum of e^{xⱼ − m} over every entry but the first maximum.
    let rest: Double
    /// Index of the first maximum.
    let argmax: Int

    /// From a non-empty row of finite logits.
    @inline(__always)
    init(_ x: UnsafeBufferPointer<Double>) {
        var m = x[0]
        var at = 0
        for j in 1..<x.count where x[j] > m {
            m = x[j]
            at = j
        }
        var r = 0.0
        for j in 0..<x.count where j != at { r += Foundation.exp(x[j] - m) }
        shift = m
        rest = r
        logNorm = Foundation.log1p(r)
        argmax = at
    }

    /// From parts computed elsewhere (``VectorRow``).
    @inline(__always)
    init(shift: Double, rest: Double, argmax: Int) {
        self.shift = shift
        self.rest = rest
        self.logNorm = Foundation.log1p(rest)
        self.argmax = argmax
    }

    /// log softmax of an entry of this row: (x − m) − log(1 + r).
    @inline(__always)
    func logProbability(of x: Double) -> Double {
        (x - shift) - logNorm
    }

    /// 1 − p for the entry at `index` of this row with value x: r/(1 + r) for the first maximum
    /// (no cancellation when p ≈ 1), 1 − p otherwise.
    @inline(__always)
    func complement(at index: Int, value x: Double) -> Double {
        if index == argmax { return rest / (1 + rest) }
        return 1 - Foundation.exp(logProbability(of: x))
    }
}

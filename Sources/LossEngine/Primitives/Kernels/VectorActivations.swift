/// softplus, σ and log σ over four lanes, from one e^{−|x|} each.
///
/// Accuracy contract (against the scalar glibc-based forms of ``StableMath``, 10⁷ points):
/// softplus and log-sigmoid ≤ 2 ULP, sigmoid ≤ 3 ULP. Each is a composition (exp's own ULP
/// carried through log1p or a division, then one or two more roundings). With the table exp and
/// the exact-argument log1p on [0, 1] the 10⁷-point sweep finds 2 for softplus (x ≈ −0.56) and
/// log σ (x ≈ 4.85) — 3 before — and still 3 for σ (x ≈ −2.77: e's error plus the division's and
/// the product's roundings). Domain: softplus(+∞) = +∞,
/// softplus(−∞) = +0, σ(±∞) = 1, 0; log σ(−∞) = −∞, log σ(+∞) = −0; NaN → NaN; softplus(x) for
/// x < −745 underflows to 0 as e^x does.
extension VectorMath {
    /// log(1 + eˣ) = max(x, 0) + log1p(e^{−|x|}).
    @inline(__always)
    static func softplus(_ x: Lanes) -> Lanes {
        let e = expNonPositive(-abs(x))
        var y = x.replacing(with: 0, where: x .< 0) + log1pUnit(e)
        y.replace(with: x, where: x.isNaNMask)
        return y
    }

    /// σ(x): 1/(1 + e^{−|x|}) for x ≥ 0, e^{−|x|}/(1 + e^{−|x|}) below, so no exponent is positive.
    @inline(__always)
    static func sigmoid(_ x: Lanes) -> Lanes {
        let e = expNonPositive(-abs(x))
        let r = 1 / (1 + e)
        return r.replacing(with: e * r, where: x .< 0)
    }

    /// log σ(x) = −softplus(−x).
    @inline(__always)
    static func logSigmoid(_ x: Lanes) -> Lanes {
        -softplus(-x)
    }

    /// |x| lane-wise.
    @_transparent
    static func abs(_ x: Lanes) -> Lanes {
        Lanes(bits: x.bits & 0x7FFF_FFFF_FFFF_FFFF)
    }
}

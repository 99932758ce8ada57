/// softplus, σ and log σ over four lanes, from one e^{−|x|} each.
///
/// Accuracy contract (against the scalar glibc-based forms of ``StableMath``, 10⁷ points):
/// softplus, log-sigmoid and sigmoid ≤ 3 ULP, not 2: each is a composition (exp's own ULP carried
/// through log1p or a division, then one or two more roundings), and the 10⁷-point sweep finds 3
/// (softplus at x ≈ −2.74, log σ at x ≈ 4.85, σ at x ≈ −1.13); the 10⁶-point sweep found 2 for
/// the first two. A fused form (log1p(e) with e's error compensated) would be needed for 2. Domain: softplus(+∞) = +∞,
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

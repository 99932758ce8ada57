/// Vectorised logarithms: log x and log(1 + x), four doubles at a time, in pure Swift.
///
/// Method: x = 2ᵉ·m with m ∈ [√½, √2) read from the exponent bits (subnormal x first scaled by
/// 2⁵⁴); with f = m − 1 and s = f/(2 + f), log m = f − f²/2 + s(f²/2 + R(s²)), R(z) ≈
/// Σₖ 2zᵏ/(2k + 1) by a degree-8 polynomial fitted on z ∈ [0, 0.04] (mpmath `chebyfit`,
/// coefficients rounded to doubles; relative error of log m from the fit < 7.6e-19, see
/// `Benchmarks/engine/log_fit.py`), evaluated by Estrin's scheme; then e·ln 2 is added in two
/// parts (Cody & Waite) with the small terms first. The fit covers s up to 0.2 (z = 0.04), not
/// only the 0.1716 of m ∈ [√½, √2), so ``log1pUnit(_:)`` can use it on its own reduction.
/// log1p(x) is log u for u = 1 + x plus the rounding error of that sum, (x − (u − 1))/u, the
/// usual first-order correction, and x itself for |x| < 2⁻⁵⁴.
/// The polynomial and the final sums use ``mulAdd(_:_:_:)`` (fused where the build has FMA).
///
/// Accuracy contract (against glibc over 10⁷ points, `VectorKernelAccuracyTests`): log ≤ 1 ULP,
/// log1p ≤ 2 ULP. Domain: log(±0) = −∞, log(x < 0) = NaN, log(+∞) = +∞, log(1) = +0, subnormal
/// x exact in the exponent; log1p(−1) = −∞, log1p(x < −1) = NaN, log1p(±0) = ±0, log1p(+∞) = +∞;
/// NaN → NaN.
extension VectorMath {
    /// log m + e·ln 2 for m = 1 + f, f given exactly, |f/(2 + f)| ≤ 0.2.
    @_transparent
    static func logMantissa(_ f: Lanes, exponent e: Lanes) -> Lanes {
        let s = f / (2 + f)
        let z = s * s
        let z2 = z * z
        let z4 = z2 * z2
        let c01 = mulAdd(z, 0.400000000000078, 0.6666666666666666)
        let c23 = mulAdd(z, 0.22222223037807243, 0.2857142856733919)
        let c45 = mulAdd(z, 0.15388834677801916, 0.18181738454723026)
        let c67 = mulAdd(z, 0.13604015707124079, 0.1321036048513262)
        let r = z * mulAdd(mulAdd(c67, z2, c45), z4, mulAdd(c23, z2, c01))
        let hfsq = 0.5 * f * f
        return mulAdd(e, ln2Hi, f - (hfsq - mulAdd(s, hfsq + r, e * ln2Lo)))
    }

    /// Splits positive finite lanes into exponent e (as a double) and f = m − 1, m ∈ [√½, √2).
    @_transparent
    static func split(_ x: Lanes) -> (e: Lanes, f: Lanes) {
        let tiny = x .< 2.2250738585072014e-308
        let scaled = x.replacing(with: x * 18014398509481984.0, where: tiny)   // · 2⁵⁴
        let bits = scaled.bits
        // Shift the mantissa range to [√½, √2): subtract the bits of √½ before taking the
        // exponent, so the exponent rounds at √2 instead of 2.
        let offset: Int64 = 0x3FE6_A09E_667F_3BCD
        let shifted = bits &- offset
        let mBits = (shifted & 0x000F_FFFF_FFFF_FFFF) &+ offset
        let m = Lanes(bits: mBits)
        // e = shifted >> 52, arithmetic. SSE2 has no 64-bit arithmetic shift (the compiler
        // emulates it with 32-bit shifts and shuffles), so shift shifted + 2⁶³ logically, which
        // gives e + 2048, and take e as a double by putting that in the low bits of 1.5·2⁵²
        // and subtracting 1.5·2⁵² + 2048 (exact).
        let biased = unsafeBitCast(shifted ^ Int64.min, to: SIMD4<UInt64>.self) &>> 52
        var eDouble = Lanes(bits: unsafeBitCast(biased, to: LaneBits.self) &+ Lanes(repeating: shifter).bits) - (shifter + 2048)
        eDouble.replace(with: eDouble - 54, where: tiny)
        return (eDouble, m - 1)
    }

    /// log x for lanes known to be > 0, +∞ or NaN (a clamped variance in the Gaussian NLL):
    /// bit for bit ``log(_:)`` there, with one blend instead of the domain checks.
    @_transparent
    static func logPositive(_ x: Lanes) -> Lanes {
        let (e, f) = split(x)
        var y = logMantissa(f, exponent: e)
        y.replace(with: x, where: .!(x .< .infinity))     // +∞ and NaN
        return y
    }

    /// log x for four lanes; see the contract above. A vector of positive finite lanes skips
    /// the domain blends (the same arithmetic, so each lane's result is the same either way).
    @_transparent
    static func log(_ x: Lanes) -> Lanes {
        let (e, f) = split(x)
        let y = logMantissa(f, exponent: e)
        if allLanes((x .> 0) .& (x .< .infinity)) { return y }
        var z = y
        z.replace(with: .nan, where: x .< 0)
        z.replace(with: -.infinity, where: x .== 0)
        z.replace(with: x, where: .!(x .< .infinity))     // +∞ and NaN
        return z
    }

    /// log(1 + x) for lanes known to be in [0, 1] or NaN (log1p(e^{−|x|}) in softplus and the
    /// BCE family), ≤ 1 ULP against glibc. No exponent extraction and no correction term:
    /// 1 + x ∈ [1, 2] is 2⁰·(1 + x) below x = ½ and 2¹·(1 + (x − 1)/2) from there, and both
    /// f = x and f = (x − 1)/2 are exact (x − 1 by Sterbenz's lemma), so log(1 + f) is taken of
    /// the exact argument (|s| ≤ 0.2, inside the fit). Tiny x gives x itself (f − f²/2 + … rounds
    /// to f); NaN stays NaN.
    @_transparent
    static func log1pUnit(_ x: Lanes) -> Lanes {
        let upper = x .>= 0.5
        let f = x.replacing(with: (x - 1) * 0.5, where: upper)
        let e = Lanes.zero.replacing(with: 1, where: upper)
        return logMantissa(f, exponent: e)
    }

    /// log(1 + x) for four lanes; see the contract above.
    @_transparent
    static func log1p(_ x: Lanes) -> Lanes {
        let u = 1 + x
        let ok = (u .> 0) .& (u .< .infinity)
        let safe = u.replacing(with: 1, where: .!ok)
        let (e, f) = split(safe)
        // The rounding error of u = 1 + x, relative to u.
        let c = (x - (safe - 1)) / safe
        var y = logMantissa(f, exponent: e) + c
        y.replace(with: x, where: (x .< 5.551115123125783e-17) .& (x .> -5.551115123125783e-17))   // |x| < 2⁻⁵⁴; keeps ±0
        y.replace(with: .nan, where: x .< -1)
        y.replace(with: -.infinity, where: x .== -1)
        y.replace(with: .infinity, where: x .== .infinity)
        y.replace(with: x, where: x.isNaNMask)
        return y
    }
}

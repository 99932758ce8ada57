/// Vectorised logarithms: log x and log(1 + x), four doubles at a time, in pure Swift.
///
/// Method: x = 2ᵉ·m with m ∈ [√½, √2) read from the exponent bits (subnormal x first scaled by
/// 2⁵⁴); with f = m − 1 and s = f/(2 + f), log m = f − f²/2 + s(f²/2 + R(s²)), R the series
/// Σₖ 2s²ᵏ/(2k + 1) to s²² (evaluated by Estrin's scheme), whose truncation is < 1e-19 for
/// |s| ≤ 0.1716; then e·ln 2 is added in two parts (Cody & Waite) with the small terms first.
/// log1p(x) is log u for u = 1 + x plus the rounding error of that sum, (x − (u − 1))/u, the
/// usual first-order correction, and x itself for |x| < 2⁻⁵⁴.
///
/// Accuracy contract (against glibc over 10⁷ points, `VectorKernelAccuracyTests`): log ≤ 1 ULP,
/// log1p ≤ 2 ULP. Domain: log(±0) = −∞, log(x < 0) = NaN, log(+∞) = +∞, log(1) = +0, subnormal
/// x exact in the exponent; log1p(−1) = −∞, log1p(x < −1) = NaN, log1p(±0) = ±0, log1p(+∞) = +∞;
/// NaN → NaN.
extension VectorMath {
    /// log m for m ∈ [√½, √2) with f = m − 1 given exactly.
    @inline(__always)
    static func logMantissa(_ f: Lanes, exponent e: Lanes) -> Lanes {
        let s = f / (2 + f)
        let z = s * s
        // R(z) = Σₖ₌₁¹¹ 2zᵏ/(2k + 1), by Estrin's scheme (four dependent steps, not eleven).
        let z2 = z * z
        let z4 = z2 * z2
        let z8 = z4 * z4
        let c1: Lanes = z * (2.0 / 5) + 2.0 / 3
        let c3: Lanes = z * (2.0 / 9) + 2.0 / 7
        let c5: Lanes = z * (2.0 / 13) + 2.0 / 11
        let c7: Lanes = z * (2.0 / 17) + 2.0 / 15
        let c9: Lanes = z * (2.0 / 21) + 2.0 / 19
        let a: Lanes = c1 + c3 * z2
        let b: Lanes = c5 + c7 * z2
        let c: Lanes = c9 + z2 * (2.0 / 23)
        let r = z * ((a + b * z4) + c * z8)
        let hfsq = 0.5 * f * f
        return e * ln2Hi + (f - (hfsq - (s * (hfsq + r) + e * ln2Lo)))
    }

    /// Splits positive finite lanes into exponent e (as a double) and f = m − 1, m ∈ [√½, √2).
    @inline(__always)
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

    /// log x for four lanes; see the contract above.
    @inline(__always)
    static func log(_ x: Lanes) -> Lanes {
        let ok = (x .> 0) .& (x .< .infinity)
        let safe = x.replacing(with: 1, where: .!ok)
        let (e, f) = split(safe)
        var y = logMantissa(f, exponent: e)
        y.replace(with: .nan, where: x .< 0)
        y.replace(with: -.infinity, where: x .== 0)
        y.replace(with: .infinity, where: x .== .infinity)
        y.replace(with: x, where: x.isNaNMask)
        return y
    }

    /// log(1 + x) for lanes known to be in [0, 1] or NaN (log1p(e^{−|x|}) in softplus and the
    /// BCE family): bit for bit ``log1p(_:)`` there, without its blends. 1 + x ∈ [1, 2] is
    /// normal, so no subnormal scaling; for x < 2⁻⁵⁴, 1 + x rounds to 1, f = 0 and the
    /// correction term returns x itself, as the general kernel's blend does; NaN stays NaN.
    @inline(__always)
    static func log1pUnit(_ x: Lanes) -> Lanes {
        let u = 1 + x
        let bits = u.bits
        let offset: Int64 = 0x3FE6_A09E_667F_3BCD
        let shifted = bits &- offset
        // u ≥ 1 > √½, so shifted ≥ 0 and a logical shift gives e (SSE2 has no 64-bit
        // arithmetic shift; see `split`).
        let e = unsafeBitCast(unsafeBitCast(shifted, to: SIMD4<UInt64>.self) &>> 52, to: LaneBits.self)
        let m = Lanes(bits: (shifted & 0x000F_FFFF_FFFF_FFFF) &+ offset)
        let eDouble = Lanes(bits: e &+ Lanes(repeating: shifter).bits) - shifter
        let c = (x - (u - 1)) / u
        return logMantissa(m - 1, exponent: eDouble) + c
    }

    /// log(1 + x) for four lanes; see the contract above.
    @inline(__always)
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

/// Vectorised exponentials: eˣ and eˣ − 1, four doubles at a time, in pure Swift.
///
/// Method (both): x = n·ln 2 + r with n = round(x/ln 2) and |r| ≤ ½ ln 2, r computed in two
/// steps with a split ln 2 (Cody & Waite) so it is exact to ~2⁻⁶⁴; eʳ − 1 from its Taylor
/// series to r¹³ (truncation < 4e-18 relative), evaluated by Estrin's scheme (pairs of terms
/// combined with r², r⁴, r⁸: a dependency chain of four multiply-adds instead of Horner's eleven,
/// which bounded the BCE loop's speed); 2ⁿ built from its exponent bits, applied as two
/// factors 2^⌊n/2⌋·2^⌈n/2⌉ so results near the overflow and in the subnormal range are rounded
/// once, correctly.
///
/// Accuracy contract (checked against glibc over 10⁷ points per function, see
/// `VectorKernelAccuracyTests` and `Benchmarks/engine/accuracy`): exp ≤ 1 ULP, expm1 ≤ 2 ULP on
/// normal results; subnormal results are within 1 ULP of the subnormal spacing.
/// Domain: exp(±0) = 1, exp(+∞) = +∞, exp(−∞) = +0, NaN → NaN; x > 709.782712893384 overflows
/// to +∞, x < −745.1332191019412 underflows to +0, results below 2⁻¹⁰²² are subnormal.
/// expm1(±0) = ±0 (sign kept), expm1(x) = x for |x| < 2⁻⁵⁴, expm1(−∞) = −1, expm1(x) = −1 for
/// x < −38 (to the nearest double), +∞ above 709.78…, NaN → NaN.
enum VectorMath {
    static let log2e = 1.4426950408889634
    /// ln 2 split so that n·ln2Hi is exact for |n| < 2²⁰.
    static let ln2Hi = 6.93147180369123816490e-01
    static let ln2Lo = 1.90821492927058770002e-10
    static let expOverflow = 709.782712893384
    static let expUnderflow = -745.1332191019412

    /// eʳ − 1 − r − r²/2 for |r| ≤ ½ ln 2 is r³·P(r); this returns eʳ − 1 with the small terms
    /// summed first and r added last (keeps the relative precision of tiny r).
    @inline(__always)
    static func expm1Reduced(_ r: Lanes) -> Lanes {
        // P(r) = Σₖ₌₀¹¹ rᵏ/(k + 2)!, by Estrin's scheme: pairs, then r², r⁴, r⁸ (four dependent
        // steps instead of Horner's eleven).
        let r2 = r * r
        let r4 = r2 * r2
        let r8 = r4 * r4
        let p01: Lanes = r * (1.0 / 6) + 0.5
        let p23: Lanes = r * (1.0 / 120) + 1.0 / 24
        let p45: Lanes = r * (1.0 / 5040) + 1.0 / 720
        let p67: Lanes = r * (1.0 / 362880) + 1.0 / 40320
        let p89: Lanes = r * (1.0 / 39916800) + 1.0 / 3628800
        let p1011: Lanes = r * (1.0 / 6227020800) + 1.0 / 479001600
        let q0: Lanes = p01 + p23 * r2
        let q1: Lanes = p45 + p67 * r2
        let q2: Lanes = p89 + p1011 * r2
        let p: Lanes = (q0 + q1 * r4) + q2 * r8
        return r + r2 * p
    }

    /// 1.5·2⁵²: adding it rounds a double of magnitude < 2⁵¹ to the nearest integer (ties to
    /// even, the hardware rounding; no `roundpd` needed, so SSE2 builds vectorise too) and
    /// leaves that integer in the low bits of the sum.
    static let shifter = 6755399441055744.0

    /// n = round(x/ln 2) as a double and as an integer, and r = x − n ln 2 (|x| ≤ 1100).
    @inline(__always)
    static func reduce(_ x: Lanes) -> (n: Lanes, k: LaneBits, r: Lanes) {
        let shifted = x * log2e + shifter
        let n = shifted - shifter
        let k = shifted.bits &- Lanes(repeating: shifter).bits
        let r = (x - n * ln2Hi) - n * ln2Lo
        return (n, k, r)
    }

    /// 2ᵏ as two factors (each a normal double) for |k| ≤ 2040.
    @inline(__always)
    static func twoPower(_ k: LaneBits) -> (Lanes, Lanes) {
        let k1 = k &>> 1
        let k2 = k &- k1
        let a = Lanes(bits: (k1 &+ 1023) &<< 52)
        let b = Lanes(bits: (k2 &+ 1023) &<< 52)
        return (a, b)
    }

    /// x limited to [lo, hi] with NaN lanes set to 0, by blends (`clamped` is an out-of-line
    /// call per vector in the generated code).
    @inline(__always)
    static func clamp(_ x: Lanes, nan: LaneMask, below lo: Double, above hi: Double) -> Lanes {
        var y = x.replacing(with: 0, where: nan)
        y.replace(with: lo, where: y .< lo)
        y.replace(with: hi, where: y .> hi)
        return y
    }

    /// eˣ for four lanes; see the type's contract.
    @inline(__always)
    static func exp(_ x: Lanes) -> Lanes {
        let nan = x.isNaNMask
        let xc = clamp(x, nan: nan, below: -746, above: 710)
        let (_, k, r) = reduce(xc)
        let (a, b) = twoPower(k)
        var y = ((1 + expm1Reduced(r)) * a) * b
        y.replace(with: .infinity, where: x .> expOverflow)
        y.replace(with: 0, where: x .< expUnderflow)
        y.replace(with: x, where: nan)
        return y
    }

    /// eˣ for lanes known to be ≤ 0 or NaN (e^{−|x|} in softplus, σ and the BCE family):
    /// bit for bit ``exp(_:)`` there, without the overflow and NaN blends (a NaN lane stays NaN
    /// through the arithmetic). Two blends instead of six: the BCE loop spends most of its
    /// time in exp and log1p.
    @inline(__always)
    static func expNonPositive(_ x: Lanes) -> Lanes {
        let xc = x.replacing(with: -746, where: x .< -746)
        let (_, k, r) = reduce(xc)
        let (a, b) = twoPower(k)
        var y = ((1 + expm1Reduced(r)) * a) * b
        y.replace(with: 0, where: x .< expUnderflow)
        return y
    }

    /// eˣ − 1 for four lanes; see the type's contract.
    @inline(__always)
    static func expm1(_ x: Lanes) -> Lanes {
        let nan = x.isNaNMask
        let xc = clamp(x, nan: nan, below: -40, above: 710)
        let (n, k, r) = reduce(xc)
        let p = expm1Reduced(r)
        let (a, b) = twoPower(k)
        // eˣ − 1 = 2ⁿ(p + 1) − 1 = 2ⁿ·p + (2ⁿ − 1); 2ⁿ − 1 is exact for |n| ≤ 53, and both
        // products are exact scalings, so one rounding in the sum. Above n = 56, the −1 is
        // below half an ulp of 2ⁿ(p + 1).
        let scale = a * b
        let small = scale * p + (scale - 1)
        let large = ((p + 1) * a) * b
        var y = small.replacing(with: large, where: n .> 56)
        y.replace(with: x, where: x .== 0)                    // expm1(−0) = −0
        y.replace(with: -1, where: x .< -40)
        y.replace(with: .infinity, where: x .> expOverflow)
        y.replace(with: x, where: nan)
        return y
    }
}

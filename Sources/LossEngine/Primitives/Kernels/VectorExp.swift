/// Vectorised exponentials: eˣ and eˣ − 1, four doubles at a time, in pure Swift.
///
/// eˣ (table-driven): k = round(x·128/ln 2), r = x − k·ln 2/128 in two steps with a split ln 2
/// (Cody & Waite, exact to ~2⁻⁷⁰), |r| ≤ ln 2/256; eʳ − 1 from its Taylor series to r⁵
/// (truncation < 6e-19 relative); 2^(k/128) = 2ᵉ·T[j] with k = 128e + j and T = ``ExpTable``
/// (2^(j/128) rounded to nearest), built from the bits of T[j] by one integer add. Result
/// T[j]·(1 + p) as T[j] + T[j]·p: T[j]'s rounding (≤ ½ ulp, T[j] in the result's binade or
/// below) plus the final rounding keep it under 1.01 ulp. Lanes with |x| > 700 (rare) take a
/// second path where 2ᵉ is applied as 2^(e∓512)·2^(±512), so results near the overflow and in
/// the subnormal range are exact to one rounding of the scaled product; a vector of ordinary
/// lanes skips all the blends (on SSE2 the blends cost as much as the arithmetic).
/// The reduction, the polynomial and T[j] + T[j]·p use ``mulAdd(_:_:_:)``: fused where the build
/// has FMA (one rounding fewer each; the bound above holds either way).
///
/// eˣ − 1 (no table; also the reduction of ``tanh(_:)``): x = n·ln 2 + r with n = round(x/ln 2),
/// |r| ≤ ½ ln 2; eʳ − 1 from its Taylor series to r¹³ (Estrin's scheme); 2ⁿ applied as two
/// factors 2^⌊n/2⌋·2^⌈n/2⌉.
///
/// Accuracy contract (checked against glibc over 10⁷ points per function, see
/// `VectorKernelAccuracyTests` and `engine-bench accuracy`): exp ≤ 1 ULP, expm1 ≤ 2 ULP on
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

    /// (ln 2)/128 split so that k·hi is exact for |k| < 2²⁰ (the same split as ``ln2Hi``).
    static let ln2Over128Hi = ln2Hi / 128
    static let ln2Over128Lo = ln2Lo / 128

    /// eʳ − 1 for |r| ≤ ln 2/256 (plus rounding): Taylor to r⁵, small terms first, r added last.
    @_transparent
    static func expm1Short(_ r: Lanes) -> Lanes {
        let r2 = r * r
        let a = mulAdd(r, 1.0 / 6, 0.5)
        let b = mulAdd(r, 1.0 / 120, 1.0 / 24)
        let q = mulAdd(r2, b, a)
        return mulAdd(r2, q, r)
    }

    /// True when every lane of the mask is set (one AND of the lane halves; `all(_:)` costs
    /// more on SSE2).
    @_transparent
    static func allLanes(_ m: LaneMask) -> Bool {
        let t = unsafeBitCast(m, to: LaneBits.self)
        let h = t.lowHalf & t.highHalf
        return (h[0] & h[1]) != 0
    }

    /// eˣ for lanes with |x| ≤ 700 (2ᵉ·T[j] is then a normal double): the table kernel
    /// without blends.
    @_transparent
    static func expOrdinary(_ x: Lanes) -> Lanes {
        let shifted = mulAdd(x, log2e * 128, shifter)
        let kd = shifted - shifter
        let k = shifted.bits &- Lanes(repeating: shifter).bits
        let r = mulAdd(-kd, ln2Over128Lo, mulAdd(-kd, ln2Over128Hi, x))
        let scale = Lanes(bits: ExpTable.gather(k & 127) &+ (k &<< 45))
        return mulAdd(scale, expm1Short(r), scale)
    }

    /// eˣ for any lanes: the same arithmetic as ``expOrdinary(_:)`` (bit for bit where
    /// |x| ≤ 700), with x clamped to [−746, 710], 2ᵉ applied in two factors beyond ±700, and
    /// the overflow, underflow and NaN blends.
    @inline(never)
    static func expAnyRange(_ x: Lanes) -> Lanes {
        let nan = x.isNaNMask
        let xc = clamp(x, nan: nan, below: -746, above: 710)
        let shifted = mulAdd(xc, log2e * 128, shifter)
        let kd = shifted - shifter
        let k = shifted.bits &- Lanes(repeating: shifter).bits
        let r = mulAdd(-kd, ln2Over128Lo, mulAdd(-kd, ln2Over128Hi, xc))
        var adjust = LaneBits.zero
        adjust.replace(with: 512, where: xc .> 700)
        adjust.replace(with: -512, where: xc .< -700)
        let scale = Lanes(bits: ExpTable.gather(k & 127) &+ (k &<< 45) &- (adjust &<< 52))
        let factor = Lanes(bits: (adjust &+ 1023) &<< 52)
        var y = mulAdd(scale, expm1Short(r), scale) * factor
        y.replace(with: .infinity, where: x .> expOverflow)
        y.replace(with: 0, where: x .< expUnderflow)
        y.replace(with: x, where: nan)
        return y
    }

    /// eˣ for four lanes; see the type's contract. A vector whose lanes all lie in
    /// [−700, 700] takes the blend-free path; each lane's result is the same either way.
    @_transparent
    static func exp(_ x: Lanes) -> Lanes {
        allLanes((x .>= -700) .& (x .<= 700)) ? expOrdinary(x) : expAnyRange(x)
    }

    /// eˣ for lanes known to be ≤ 0 or NaN (e^{−|x|} in softplus, σ and the BCE family;
    /// e^{xⱼ − max} in log-sum-exp): bit for bit ``exp(_:)`` there.
    @_transparent
    static func expNonPositive(_ x: Lanes) -> Lanes {
        allLanes(x .>= -700) ? expOrdinary(x) : expAnyRange(x)
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

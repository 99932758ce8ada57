/// The hyperbolic tangent over four lanes, for the training kit's tanh units.
///
/// Method: tanh is odd, so the kernel works on |x| and puts the sign back last. Below ln 3 / 2
/// (where tanh = ½), tanh x = x + x·s·R(s) with s = x² and R a degree-10 polynomial fitted to
/// (tanh x − x)/x³ (Chebyshev fit with mpmath, relative error 2.5e-17, evaluated by Estrin's
/// scheme: four dependent steps instead of ten); the correction is at most a tenth of x, so
/// the result is x plus a small term rounded once. From ln 3 / 2 up, tanh x = 1 − 2/(e^{2x} + 1)
/// with e^{2x} − 1 from the reduction and polynomial of ``expm1(_:)``; 2/(e^{2x} + 1) ≤ ½ there,
/// so the subtraction is exact and its error shrinks as x grows. A vector whose lanes all take
/// one side computes that side only; a lane's result never depends on its neighbours.
///
/// Accuracy contract (against glibc's `tanh`, 10⁷ seeded points plus the edges, see
/// `VectorKernelAccuracyTests` and `engine-bench accuracy`): ≤ 2 ULP. The 2 ULP distances
/// are in the polynomial range, where glibc's own `tanh` (an expm1 quotient) errs by up to
/// about 1.5 ULP: at x = −0.45236523915771176 this kernel is 0.52 ULP from the true value
/// (mpmath, 40 digits) and glibc 1.48 ULP (`VectorTanhTests`).
/// Domain: tanh(±0) = ±0; tanh x = x for |x| < 2⁻²⁷ (subnormals included: x − x³/3 rounds to
/// x there); |x| ≥ 20 gives ±1 (already the nearest double above |x| ≈ 19.06); tanh(±∞) = ±1;
/// NaN → NaN.
extension VectorMath {
    /// ln 3 / 2: tanh is ½ there. Below, the odd polynomial; from here up, the exponential.
    static let tanhSplit = 0.5493061443340549

    /// (tanh x − x)/x³ for s = x² ∈ [0, (ln 3 / 2)²], by Estrin's scheme.
    @inline(__always)
    static func tanhCorrection(_ s: Lanes) -> Lanes {
        let s2 = s * s
        let s4 = s2 * s2
        let s8 = s4 * s4
        let p01 = -0x1.5555555555555p-2 + 0x1.1111111111037p-3 * s
        let p23 = -0x1.ba1ba1b9ff5cep-5 + 0x1.664f48774850ep-6 * s
        let p45 = -0x1.226e32f9a18cep-7 + 0x1.d6d33b2d30c32p-9 * s
        let p67 = -0x1.7d97ef74ad50cp-10 + 0x1.34c6e0febbe04p-11 * s
        let p89 = -0x1.ec1f13bfaca77p-13 + 0x1.652d2a1cc3023p-14 * s
        let q0 = p01 + p23 * s2
        let q1 = p45 + p67 * s2
        let q2 = p89 + -0x1.5a2cc15c26950p-16 * s2
        return (q0 + q1 * s4) + q2 * s8
    }

    /// tanh x for four lanes; see the contract above.
    @inline(__always)
    static func tanh(_ x: Lanes) -> Lanes {
        let ax = abs(x)
        // NaN compares false, so a NaN lane is "small" and stays NaN through the polynomial.
        let large = ax .>= tanhSplit
        var y = Lanes.zero
        if any(.!large) {
            let s = ax * ax
            y = ax + ax * (s * tanhCorrection(s))
        }
        if any(large) {
            // e^{2c} − 1 = 2ⁿ·p + (2ⁿ − 1) for c ≤ 20 (n ≤ 58; exact products, one rounding).
            let c = ax.replacing(with: 20, where: ax .> 20)
            let (_, k, r) = reduce(2 * c)
            let p = expm1Reduced(r)
            let scale = Lanes(bits: (k &+ 1023) &<< 52)
            let t = scale * p + (scale - 1)
            y.replace(with: 1 - 2 / (t + 2), where: large)
        }
        // Below 2⁻²⁷ the polynomial already returns |x| (the correction is under half an ulp),
        // and for subnormals x² underflows to 0; the blend states it rather than relying on it.
        y.replace(with: ax, where: ax .< 7.450580596923828e-09)
        return Lanes(bits: y.bits | (x.bits & Int64.min))
    }
}

/// The fused value + gradient loop of the sigmoid focal loss over contiguous buffers, shaped as
/// ``BCEKernel``: eight elements per iteration as two independent vectors, then one vector, then
/// the tail one element at a time through the same lane code (splatted), so an element's result
/// does not depend on where it falls. No closure, vector loads and stores.
struct FocalKernel {
    /// How (1 − pₜ)^γ and its derivative γ(1 − pₜ)^{γ−1} are formed.
    enum Power {
        /// γ a small whole number: repeated products (γ = 0, 1, 2 give exactly the former
        /// special cases' bits; no exp or log).
        case whole(Int)
        /// any other γ > 0: e^{γ·log(1 − pₜ)} with the vector log and exp; relative error about
        /// |γ·log(1 − pₜ)|·2⁻⁵³ (below 1e-13 where the result is not 0).
        case real(Double)

        /// The largest γ taken by repeated products.
        static let wholeLimit = 16

        init(_ gamma: Double) {
            if gamma == gamma.rounded(), gamma <= Double(Power.wholeLimit) {
                self = .whole(Int(gamma))
            } else {
                self = .real(gamma)
            }
        }
    }

    /// αₜ's α, or nil when α < 0 (no class weighting).
    let alpha: Double?
    let power: Power
    /// 1 / the reduction's denominator.
    let seed: Double

    /// Writes seed·gradient (and the values, if `items` is given); returns the sum of the values.
    /// Every target loaded is tallied into `targets` (the caller's range check).
    func run(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count n: Int,
             gradient g: UnsafeMutablePointer<Double>, items: UnsafeMutablePointer<Double>?,
             targets: inout WithinTally) -> Double {
        var acc0 = Lanes.zero, acc1 = Lanes.zero
        var i = 0
        while i + 8 <= n {
            let y0 = y.lanes(at: i), y1 = y.lanes(at: i + 4)
            targets.include(y0)
            targets.include(y1)
            let (v0, d0) = lanes(x.lanes(at: i), y0)
            let (v1, d1) = lanes(x.lanes(at: i + 4), y1)
            g.store(d0 * seed, at: i)
            g.store(d1 * seed, at: i + 4)
            if let items {
                items.store(v0, at: i)
                items.store(v1, at: i + 4)
            }
            acc0 += v0
            acc1 += v1
            i += 8
        }
        if i + 4 <= n {
            let yv = y.lanes(at: i)
            targets.include(yv)
            let (v, d) = lanes(x.lanes(at: i), yv)
            g.store(d * seed, at: i)
            items?.store(v, at: i)
            acc0 += v
            i += 4
        }
        var total = (acc0 + acc1).laneSum
        while i < n {
            let yv = Lanes(repeating: y[i])
            targets.include(yv)
            let (v, d) = lanes(Lanes(repeating: x[i]), yv)
            g[i] = d[0] * seed
            items?[i] = v[0]
            total += v[0]
            i += 1
        }
        return total
    }

    /// Value αₜ·ce·w and gradient αₜ[(p − y)·w − ce·w′·p(1 − p)(2y − 1)], w = (1 − pₜ)^γ,
    /// w′ = γ(1 − pₜ)^{γ−1}; p, 1 − p and ce from one e^{−|x|} (never a positive exponent), and
    /// 1 − pₜ = p(1 − y) + (1 − p)y a sum of non-negative terms.
    @_transparent
    func lanes(_ x: Lanes, _ y: Lanes) -> (value: Lanes, gradient: Lanes) {
        let e = VectorMath.expNonPositive(-VectorMath.abs(x))
        let r = 1 / (1 + e)
        let positive = x .>= 0
        let p = (e * r).replacing(with: r, where: positive)
        let q = r.replacing(with: e * r, where: positive)
        // (max(x, 0) − y·x) first: for a confidently right x = 40, y = 1 that is exactly 0 and
        // the loss keeps log1p(e^{−40}) instead of rounding 40 + 4e-18 − 40 to 0.
        let ce = (x.replacing(with: 0, where: .!positive) - y * x) + VectorMath.log1pUnit(e)
        let omp = p * (1 - y) + q * y
        let w: Lanes, dw: Lanes
        switch power {
        case .whole(let gamma):
            if gamma == 0 {
                (w, dw) = (Lanes(repeating: 1), .zero)
            } else {
                var below = Lanes(repeating: 1)   // (1 − pₜ)^{γ−1}
                for _ in 1..<gamma { below *= omp }
                (w, dw) = (below * omp, Double(gamma) * below)
            }
        case .real(let gamma):
            let l = VectorMath.log(omp)
            w = VectorMath.exp(gamma * l)
            // At 1 − pₜ = 0 the derivative is taken as 0 (the scalar form's convention).
            dw = (gamma * VectorMath.exp((gamma - 1) * l)).replacing(with: 0, where: omp .== 0)
        }
        let at = alpha.map { $0 * y + (1 - $0) * (1 - y) } ?? Lanes(repeating: 1)
        let g = at * ((p - y) * w - ce * dw * (p * q) * (2 * y - 1))
        return (at * ce * w, g)
    }
}

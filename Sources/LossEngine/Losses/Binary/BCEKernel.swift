/// The per-element BCE-with-logits value and gradient (before the reduction seed), four lanes.
enum BCEKernel {
    /// The fused value + gradient loop over contiguous buffers: writes seed·gradient (and the
    /// values, if `items` is given) and returns the sum of the values. Eight elements per
    /// iteration as two independent vectors (the kernels are long dependency chains; two let the
    /// core overlap them), then one vector, then the tail one element at a time through the
    /// same lane code (splatted), so an element's result does not depend on where it falls.
    /// `weights` (pos_weight) repeat cyclically over the elements; every target loaded is tallied
    /// into `targets` (the caller's range check).
    static func run(_ xp: UnsafePointer<Double>, _ yp: UnsafePointer<Double>, count n: Int,
                    weights w: UnsafeBufferPointer<Double>?, seed: Double,
                    gradient g: UnsafeMutablePointer<Double>, items: UnsafeMutablePointer<Double>?,
                    targets: inout WithinTally) -> Double {
        var acc0 = Lanes.zero, acc1 = Lanes.zero
        var i = 0
        if let w {
            let m = w.count
            let wp = w.baseAddress!
            var j = 0   // i mod m
            while i + 4 <= n {
                let yv = yp.lanes(at: i)
                targets.include(yv)
                let wv = m == 1 ? Lanes(repeating: wp[0])
                    : j + 4 <= m ? wp.lanes(at: j) : Lanes(wp[j], wp[(j + 1) % m], wp[(j + 2) % m], wp[(j + 3) % m])
                let (v, d) = lanes(xp.lanes(at: i), yv, posWeightFactor: 1 + (wv - 1) * yv)
                g.store(d * seed, at: i)
                items?.store(v, at: i)
                acc0 += v
                i += 4
                j = (j + 4) % m
            }
        } else {
            while i + 8 <= n {
                let y0 = yp.lanes(at: i), y1 = yp.lanes(at: i + 4)
                targets.include(y0)
                targets.include(y1)
                let (v0, d0) = lanes(xp.lanes(at: i), y0, posWeightFactor: nil)
                let (v1, d1) = lanes(xp.lanes(at: i + 4), y1, posWeightFactor: nil)
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
                let yv = yp.lanes(at: i)
                targets.include(yv)
                let (v, d) = lanes(xp.lanes(at: i), yv, posWeightFactor: nil)
                g.store(d * seed, at: i)
                items?.store(v, at: i)
                acc0 += v
                i += 4
            }
        }
        var total = (acc0 + acc1).laneSum
        while i < n {
            let yv = Lanes(repeating: yp[i])
            targets.include(yv)
            let l = w.map { 1 + (Lanes(repeating: $0[i % $0.count]) - 1) * yv }
            let (v, d) = lanes(Lanes(repeating: xp[i]), yv, posWeightFactor: l)
            g[i] = d[0] * seed
            items?[i] = v[0]
            total += v[0]
            i += 1
        }
        return total
    }

    /// With l = 1 + (pos_weight − 1)·y (nil: l = 1): value (1 − y)·x + l·softplus(−x), gradient
    /// (1 − y) − l·σ(−x); without pos_weight written as max(x, 0) − y·x + log1p(e) and σ(x) − y.
    @_transparent
    static func lanes(_ x: Lanes, _ y: Lanes, posWeightFactor l: Lanes?) -> (value: Lanes, gradient: Lanes) {
        let e = VectorMath.expNonPositive(-VectorMath.abs(x))
        let lp = VectorMath.log1pUnit(e)
        let r = 1 / (1 + e)
        let positive = x .>= 0
        if let l {
            // softplus(−x) = max(−x, 0) + log1p(e); σ(−x) = e·r for x ≥ 0, r below.
            let spNeg = (-x).replacing(with: 0, where: positive) + lp
            let sigNeg = r.replacing(with: e * r, where: positive)
            return ((1 - y) * x + l * spNeg, (1 - y) - l * sigNeg)
        }
        let v = x.replacing(with: 0, where: .!positive) - y * x + lp
        let sig = (e * r).replacing(with: r, where: positive)
        return (v, sig - y)
    }
}

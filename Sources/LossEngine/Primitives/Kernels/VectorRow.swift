/// Row-wise log-sum-exp with the vector exponential.
///
/// The same contract as ``RowNormaliser`` (shift m = the first maximum, remainder r = Σ over the
/// other entries of e^{x − m}, normaliser log1p(r)), with the exponentials four at a time. Each
/// e^{x−m} is within 1 ULP of glibc's, so log1p(r) is within ~2 ULP of the scalar form.
enum VectorRow {
    /// The row's normaliser; optionally writes e^{xⱼ − m} into `exps` (same count as the row).
    @inline(__always)
    static func normaliser(_ x: UnsafeBufferPointer<Double>, exps: UnsafeMutablePointer<Double>? = nil) -> RowNormaliser {
        let p = parts(x.baseAddress!, count: x.count, exps: exps)
        return RowNormaliser(shift: p.shift, rest: p.rest, argmax: p.argmax)
    }

    /// The parts of a row's normaliser (one pass for the first maximum, one for the
    /// exponentials), before the log1p, so callers can take log1p four rows at a time.
    /// The last 1–3 entries go through one vector padded with the maximum (e⁰ = 1 in the
    /// padding lanes, which are left out of the sum; padding in range keeps the vector on the
    /// exponential's fast path): each exponential is computed lane by lane, so its value does
    /// not depend on the padding.
    @inline(__always)
    static func parts(_ x: UnsafePointer<Double>, count k: Int,
                      exps: UnsafeMutablePointer<Double>?) -> (shift: Double, rest: Double, argmax: Int) {
        var m = x[0]
        var at = 0
        for j in 1..<k where x[j] > m {
            m = x[j]
            at = j
        }
        let shift = Lanes(repeating: m)
        let winner = LaneBits(repeating: Int64(at))
        let width = LaneBits(repeating: Int64(k))
        var index = LaneBits(0, 1, 2, 3)
        var acc = Lanes.zero
        var j = 0
        while j + 4 <= k {
            let e = VectorMath.expNonPositive(x.lanes(at: j) - shift)
            exps?.store(e, at: j)
            // The maximum's own e⁰ = 1 is left out of the sum (adding it and subtracting it again
            // would round a tiny remainder away).
            acc += e.replacing(with: 0, where: index .== winner)
            index &+= 4
            j += 4
        }
        if j < k {
            var v = shift
            for l in 0..<(k - j) { v[l] = x[j + l] }
            let e = VectorMath.expNonPositive(v - shift)
            if let exps { for l in 0..<(k - j) { exps[j + l] = e[l] } }
            acc += e.replacing(with: 0, where: (index .== winner) .| (index .>= width))
        }
        return (m, acc.laneSum, at)
    }
}

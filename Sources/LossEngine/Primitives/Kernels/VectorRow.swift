/// Row-wise log-sum-exp with the vector exponential.
///
/// The same contract as ``RowNormaliser`` (shift m = the first maximum, remainder r = Σ over the
/// other entries of e^{x − m}, normaliser log1p(r)), with the exponentials four at a time. Each
/// e^{x−m} is within 1 ULP of glibc's, so log1p(r) is within ~2 ULP of the scalar form.
enum VectorRow {
    /// The row's normaliser; optionally writes e^{xⱼ − m} into `exps` (same count as the row).
    @inline(__always)
    static func normaliser(_ x: UnsafeBufferPointer<Double>, exps: UnsafeMutablePointer<Double>? = nil) -> RowNormaliser {
        let k = x.count
        var m = x[0]
        var at = 0
        for j in 1..<k where x[j] > m {
            m = x[j]
            at = j
        }
        let shift = Lanes(repeating: m)
        let winner = LaneBits(repeating: Int64(at))
        var index = LaneBits(0, 1, 2, 3)
        var acc = Lanes.zero
        var j = 0
        while j + 4 <= k {
            let e = VectorMath.exp(Lanes(x[j], x[j + 1], x[j + 2], x[j + 3]) - shift)
            if let exps {
                exps[j] = e[0]; exps[j + 1] = e[1]; exps[j + 2] = e[2]; exps[j + 3] = e[3]
            }
            // The maximum's own e⁰ = 1 is left out of the sum (adding it and subtracting it again
            // would round a tiny remainder away).
            acc += e.replacing(with: 0, where: index .== winner)
            index &+= 4
            j += 4
        }
        var rest = (acc[0] + acc[1]) + (acc[2] + acc[3])
        while j < k {
            let e = VectorMath.exp(Lanes(repeating: x[j] - m))[0]
            exps?[j] = e
            if j != at { rest += e }
            j += 1
        }
        return RowNormaliser(shift: m, rest: rest, argmax: at)
    }
}

import Foundation

extension Losses {
    /// ‖v + eps‖_p and its gradient with respect to v (PyTorch `pairwise_distance`).
    static func pairwiseDistance(_ a: ArraySlice<Double>, _ b: ArraySlice<Double>, p: Double, eps: Double) -> (Double, [Double]) {
        let v = zip(a, b).map { $0 - $1 + eps }
        var s = 0.0
        for x in v { s += Foundation.pow(Swift.abs(x), p) }
        let norm = Foundation.pow(s, 1 / p)
        guard norm > 0 else { return (0, [Double](repeating: 0, count: v.count)) }
        let scale = Foundation.pow(norm, p - 1)
        let g = v.map { x -> Double in
            let sign: Double = x > 0 ? 1 : (x < 0 ? -1 : 0)
            return sign * Foundation.pow(Swift.abs(x), p - 1) / scale
        }
        return (norm, g)
    }

    /// Triplet margin loss (PyTorch `triplet_margin_loss`).
    ///
    /// Per sample: max(0, margin + d(a, p) − d(a, n)), d(x, y) = ‖x − y + eps‖_p; with `swap`,
    /// d(a, n) is replaced by min(d(a, n), d(p, n)).
    /// - Parameters: anchor, positive, negative (N×D), margin, p ≥ 1, eps, swap.
    /// - Returns: gradients for `anchor`, `positive`, `negative` through the active distances.
    /// - Stability: the norm's gradient is 0 at a zero difference (no 0/0).
    /// - Reference: Schroff et al., "FaceNet", 2015; Balntas et al. (swap), 2016.
    public static func tripletMargin(anchor: Tensor, positive: Tensor, negative: Tensor, margin: Double = 1, p: Double = 2,
                                     eps: Double = 1e-6, swap: Bool = false, reduction: Reduction = .mean) throws -> LossOutput {
        try Check.rank(anchor, 2, "anchor", "N×D")
        try Check.shape(positive, anchor.shape, "positive")
        try Check.shape(negative, anchor.shape, "negative")
        try Check.finite(margin, "margin")
        try Check.finite(p, "p")
        guard p >= 1 else { throw LossError.outOfDomain(argument: "p", value: p, domain: "[1, ∞)") }
        try Check.finite(eps, "eps")
        let n = anchor.shape[0], d = anchor.shape[1]
        var ga = [Double](repeating: 0, count: n * d)
        var gp = ga, gn = ga
        let r = try rows("triplet_margin", count: n, argument: "anchor", reduction: reduction) { i, seed in
            let range = (i * d)..<((i + 1) * d)
            let (dap, gap) = pairwiseDistance(anchor.data[range], positive.data[range], p: p, eps: eps)
            let (dan, gan) = pairwiseDistance(anchor.data[range], negative.data[range], p: p, eps: eps)
            var useSwap = false
            var dneg = dan
            var gneg = gan
            if swap {
                let (dpn, gpn) = pairwiseDistance(positive.data[range], negative.data[range], p: p, eps: eps)
                if dpn < dan {
                    useSwap = true
                    dneg = dpn
                    gneg = gpn
                }
            }
            let h = margin + dap - dneg
            guard h > 0 else { return 0 }
            for j in 0..<d {
                ga[i * d + j] += seed * gap[j]
                gp[i * d + j] -= seed * gap[j]
                if useSwap {
                    gp[i * d + j] -= seed * gneg[j]
                } else {
                    ga[i * d + j] -= seed * gneg[j]
                }
                gn[i * d + j] += seed * gneg[j]
            }
            return h
        }
        return LossOutput.make(total: r.total, denominator: r.denominator, items: r.items, reduction: reduction,
                               gradients: ["anchor": ga, "positive": gp, "negative": gn])
    }
}

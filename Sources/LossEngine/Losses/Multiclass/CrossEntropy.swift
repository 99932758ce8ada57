import Foundation

extension Losses {
    /// Cross entropy of logits against class indices or class probabilities (PyTorch semantics).
    ///
    /// Per sample, log p = log_softmax(x), with class indices y:
    /// (1 − ε)·w_y·(−log p_y) + (ε/K)·Σₖ wₖ(−log pₖ), 0 for y = ignore_index; with probability
    /// targets t: −Σₖ wₖ t′ₖ log pₖ, t′ = (1 − ε)t + ε/K.
    /// Mean: divided by Σ w_y over non-ignored samples (indices) or by N (probabilities).
    /// - Parameters:
    ///   - input: logits, N×K.
    ///   - target: N indices in 0..<K (or ignore_index), or N×K probabilities in [0, 1].
    ///   - weight: K class weights ≥ 0, or nil. ignoreIndex: index whose samples count for nothing.
    ///   - labelSmoothing: ε ∈ [0, 1].
    /// - Returns: gradient for `input`: C·softmax(x) − c, with c the coefficients above and C their sum.
    /// - Stability: log-softmax as (x − m) − log1p(r) (``RowNormaliser``): logits of ±1000 and
    ///   K = 10,000 are fine, the result is unchanged by adding a constant to every logit of a row
    ///   (logits [1e16, 1e16] give log 2), and a confidently right row keeps a small positive loss
    ///   and gradient instead of rounding to 0.
    /// - Reference: PyTorch `cross_entropy`; Szegedy et al., "Rethinking the Inception
    ///   Architecture" (label smoothing), 2016.
    public static func crossEntropy(input: Tensor, target: ClassTarget, weight: [Double]? = nil, ignoreIndex: Int = -100,
                                    labelSmoothing: Double = 0, reduction: Reduction = .mean) throws -> LossOutput {
        try reduction.check(Reduction.standard, loss: "cross_entropy")
        try Check.rank(input, 2, "input", "N×K logits")
        let n = input.shape[0], k = input.shape[1]
        try Check.nonEmpty(n, "input")
        try Check.nonEmpty(k, "input")
        try Check.finite(labelSmoothing, "label_smoothing")
        guard labelSmoothing >= 0 && labelSmoothing <= 1 else {
            throw LossError.outOfDomain(argument: "label_smoothing", value: labelSmoothing, domain: "[0, 1]")
        }
        if let w = weight {
            try Check.count(w, k, "weight")
            try Check.nonNegative(w, "weight")
        }
        let eps = labelSmoothing
        let wSum = weight?.reduce(0, +) ?? Double(k)
        var items = [Double](repeating: 0, count: reduction == .none ? n : 0)
        var total = 0.0
        let denominator: Double

        if case .indices(let y) = target, eps == 0 {
            denominator = try indexDenominator(y, n: n, classes: k, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction)
            let seed = 1 / denominator
            let grad = [Double](unsafeUninitializedCapacity: n * k) { g, initialized in
                input.data.withUnsafeBufferPointer { x in
                    y.withUnsafeBufferPointer { labels in
                        items.withUnsafeMutableBufferPointer { it in
                            let loop = CrossEntropyKernel(rows: n, width: k, ignoreIndex: ignoreIndex, seed: seed)
                            if let weight {
                                total = weight.withUnsafeBufferPointer { w in
                                    loop.run(x.baseAddress!, labels.baseAddress!, weight: w.baseAddress, gradient: g.baseAddress!,
                                             items: it.startIfAny)
                                }
                            } else {
                                total = loop.run(x.baseAddress!, labels.baseAddress!, weight: nil, gradient: g.baseAddress!,
                                                 items: it.startIfAny)
                            }
                        }
                    }
                }
                initialized = n * k
            }
            return LossOutput.make(total: total, denominator: denominator, items: items, reduction: reduction,
                                   gradients: ["input": grad])
        }

        var grad = [Double](repeating: 0, count: n * k)
        let lse = rowSoftmax(input, into: &grad)   // grad holds softmax for now
        switch target {
        case .indices(let y):
            denominator = try indexDenominator(y, n: n, classes: k, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction)
            let seed = 1 / denominator
            input.data.withUnsafeBufferPointer { x in
                grad.withUnsafeMutableBufferPointer { g in
                    for i in 0..<n {
                        let base = i * k
                        let yi = y[i]
                        if yi == ignoreIndex {
                            for j in 0..<k { g[base + j] = 0 }
                            continue
                        }
                        let wy = weight?[yi] ?? 1
                        var v = -(1 - eps) * wy * lse[i].logProbability(of: x[base + yi])
                        if eps > 0 {
                            var smooth = 0.0
                            for j in 0..<k { smooth -= (weight?[j] ?? 1) * lse[i].logProbability(of: x[base + j]) }
                            v += eps / Double(k) * smooth
                        }
                        total += v
                        if reduction == .none { items[i] = v }
                        let c = (1 - eps) * wy + eps / Double(k) * wSum
                        if eps == 0 && weight == nil {
                            for j in 0..<k { g[base + j] *= seed }
                        } else {
                            for j in 0..<k { g[base + j] = seed * (c * g[base + j] - eps / Double(k) * (weight?[j] ?? 1)) }
                        }
                        if eps == 0 {
                            // wy·(p_y − 1) with 1 − p_y from the normaliser: no cancellation at p_y ≈ 1.
                            g[base + yi] = -seed * wy * lse[i].complement(at: yi, value: x[base + yi])
                        } else {
                            g[base + yi] -= seed * (1 - eps) * wy
                        }
                    }
                }
            }
        case .probabilities(let t):
            try Check.shape(t, input.shape, "target")
            try Check.probability(t.data, "target")
            denominator = reduction.denominator(count: n)
            let seed = 1 / denominator
            for i in 0..<n {
                let base = i * k
                var v = 0.0
                var c = 0.0
                for j in 0..<k {
                    let cj = (weight?[j] ?? 1) * ((1 - eps) * t.data[base + j] + eps / Double(k))
                    v -= cj * lse[i].logProbability(of: input.data[base + j])
                    c += cj
                }
                for j in 0..<k {
                    let cj = (weight?[j] ?? 1) * ((1 - eps) * t.data[base + j] + eps / Double(k))
                    grad[base + j] = seed * (c * grad[base + j] - cj)
                }
                total += v
                if reduction == .none { items[i] = v }
            }
        }
        return LossOutput.make(total: total, denominator: denominator, items: items, reduction: reduction,
                               gradients: ["input": grad])
    }

    /// Checks class-index targets and returns what the reduction divides by: the summed weights
    /// of the counted samples for a mean (PyTorch's convention), 1 otherwise.
    private static func indexDenominator(_ y: [Int], n: Int, classes k: Int, weight: [Double]?, ignoreIndex: Int,
                                         reduction: Reduction) throws -> Double {
        try Check.count(y, n, "target")
        try Check.classIndices(y, classes: k, ignore: ignoreIndex, "target")
        guard reduction == .mean else { return 1 }
        var counted = 0.0
        for i in 0..<n where y[i] != ignoreIndex { counted += weight?[y[i]] ?? 1 }
        return counted
    }
}

/// The fused cross-entropy loop for class indices without label smoothing. Per row: one pass
/// for the first maximum m, one for e^{xⱼ − m} (written into the gradient buffer) and their sum
/// r over the other entries (``VectorRow/parts(_:count:exps:)``), log1p(r) four rows at a time
/// with the vector log1p, then one pass for the value −w_y·((x_y − m) − log1p(r)) and the
/// gradient seed·w_y·(pⱼ − δⱼᵧ), with 1 − p_y = r/(1 + r) when y is the maximum (no
/// cancellation at p_y ≈ 1). Rows whose label is `ignoreIndex` get 0 and a zero gradient.
struct CrossEntropyKernel {
    let rows: Int
    let width: Int
    let ignoreIndex: Int
    let seed: Double

    /// Writes the gradient (and the per-row values if `items` is given); returns their sum.
    func run(_ x: UnsafePointer<Double>, _ labels: UnsafePointer<Int>, weight: UnsafePointer<Double>?,
             gradient g: UnsafeMutablePointer<Double>, items: UnsafeMutablePointer<Double>?) -> Double {
        let k = width
        var total = 0.0
        var shift = Lanes.zero, rest = Lanes.zero
        var argmax = LaneBits.zero
        var i = 0
        while i < rows {
            let block = Swift.min(4, rows - i)
            for r in 0..<block {
                let p = VectorRow.parts(x + (i + r) * k, count: k, exps: g + (i + r) * k)
                shift[r] = p.shift
                rest[r] = p.rest
                argmax[r] = Int64(p.argmax)
            }
            // log1p is lane by lane: a row's normaliser does not depend on its place in the block
            // (unused lanes of a last, short block hold earlier rows' sums).
            let logNorm = VectorMath.log1p(rest)
            for r in 0..<block {
                let row = i + r
                let base = row * k
                let label = labels[row]
                if label == ignoreIndex {
                    for j in 0..<k { g[base + j] = 0 }
                    items?[row] = 0
                    continue
                }
                let wy = weight?[label] ?? 1
                let v = -wy * ((x[base + label] - shift[r]) - logNorm[r])
                let inv = 1 / (1 + rest[r])
                let py = g[base + label] * inv
                let scale = seed * wy * inv
                for j in 0..<k { g[base + j] *= scale }
                // 1 − p_y: r/(1 + r) for the first maximum, else 1 − p_y with p_y ≤ ½ (no cancellation).
                let complement = Int64(label) == argmax[r] ? rest[r] / (1 + rest[r]) : 1 - py
                g[base + label] = -seed * wy * complement
                total += v
                items?[row] = v
            }
            i += block
        }
        return total
    }
}

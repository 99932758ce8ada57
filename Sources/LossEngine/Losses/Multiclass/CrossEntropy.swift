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
    /// - Speed: one fused loop per target kind (``CrossEntropyKernel``): vector exponentials and
    ///   log1p of four rows' remainders at once, no per-row allocation.
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
        let denominator: Double
        switch target {
        case .indices(let y):
            denominator = try indexDenominator(y, n: n, classes: k, weight: weight, ignoreIndex: ignoreIndex,
                                               reduction: reduction)
        case .probabilities(let t):
            try Check.shape(t, input.shape, "target")
            try Check.probability(t.data, "target")
            denominator = reduction.denominator(count: n)
        }
        let kernel = CrossEntropyKernel(rows: n, width: k, ignoreIndex: ignoreIndex, seed: 1 / denominator)
        let wSum = weight?.reduce(0, +) ?? Double(k)
        var items = [Double](repeating: 0, count: reduction == .none ? n : 0)
        var total = 0.0
        let grad = [Double](unsafeUninitializedCapacity: n * k) { g, initialized in
            input.data.withUnsafeBufferPointer { x in
                items.withUnsafeMutableBufferPointer { it in
                    (weight ?? []).withUnsafeBufferPointer { w in
                        let wp = weight == nil ? nil : w.baseAddress
                        switch target {
                        case .indices(let y):
                            total = y.withUnsafeBufferPointer { labels in
                                eps == 0
                                    ? kernel.run(x.baseAddress!, labels.baseAddress!, weight: wp, gradient: g.baseAddress!,
                                                 items: it.startIfAny)
                                    : kernel.runSmoothed(x.baseAddress!, labels.baseAddress!, weight: wp, smoothing: eps,
                                                         weightSum: wSum, gradient: g.baseAddress!, items: it.startIfAny)
                            }
                        case .probabilities(let t):
                            total = t.data.withUnsafeBufferPointer { tp in
                                kernel.runProbabilities(x.baseAddress!, tp.baseAddress!, weight: wp, smoothing: eps,
                                                        gradient: g.baseAddress!, items: it.startIfAny)
                            }
                        }
                    }
                }
            }
            initialized = n * k
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

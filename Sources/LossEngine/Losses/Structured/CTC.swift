import Foundation

extension Losses {
    /// Connectionist temporal classification loss (PyTorch `ctc_loss` semantics).
    ///
    /// Per sample: −log Σ over alignments π that collapse to the target of Πₜ y_t(πₜ), by the
    /// forward–backward recursions over the blank-extended target l′ (length 2L + 1).
    /// Mean divides each loss by its target length (at least 1), then averages over the batch.
    /// - Parameters: logProbs (T×N×C log-probabilities), targets (N rows of S padded indices),
    ///   inputLengths (N, 1…T), targetLengths (N, 0…S), blank (class index of the blank).
    /// - Returns: gradient for `log_probs`, the exact derivative with respect to each log-probability
    ///   treated as a free input: −exp(logΣ_{s: l′ₛ = c} αₜ(s)βₜ(s) − log p) for t < input length
    ///   (α includes, β excludes the emission at t), 0 elsewhere. (PyTorch's native backward
    ///   adds exp(log_probs), the derivative through a log-softmax; this one does not.)
    ///   A sample with no valid alignment has loss +∞ and gradient 0.
    /// - Stability: both recursions run in log space with logAddExp.
    /// - Reference: Graves et al., "Connectionist Temporal Classification", 2006.
    public static func ctc(logProbs: Tensor, targets: [[Int]], inputLengths: [Int], targetLengths: [Int], blank: Int = 0,
                           reduction: Reduction = .mean) throws -> LossOutput {
        try reduction.check(Reduction.standard, loss: "ctc")
        try Check.rank(logProbs, 3, "log_probs", "T×N×C")
        let tMax = logProbs.shape[0], n = logProbs.shape[1], c = logProbs.shape[2]
        try Check.nonEmpty(n, "log_probs")
        try Check.nonEmpty(tMax, "log_probs")
        guard blank >= 0 && blank < c else { throw LossError.classIndexOutOfRange(argument: "blank", index: blank, classCount: c) }
        guard targets.count == n else {
            throw LossError.shapeMismatch(argument: "targets", expected: [n], found: [targets.count])
        }
        try Check.count(inputLengths, n, "input_lengths")
        try Check.count(targetLengths, n, "target_lengths")
        for i in 0..<n {
            guard inputLengths[i] >= 1 && inputLengths[i] <= tMax else {
                throw LossError.outOfDomain(argument: "input_lengths", value: Double(inputLengths[i]), domain: "1...\(tMax)")
            }
            guard targetLengths[i] >= 0 && targetLengths[i] <= targets[i].count else {
                throw LossError.outOfDomain(argument: "target_lengths", value: Double(targetLengths[i]), domain: "0...\(targets[i].count)")
            }
            for l in targets[i].prefix(targetLengths[i]) {
                guard l >= 0 && l < c else { throw LossError.classIndexOutOfRange(argument: "targets", index: l, classCount: c) }
                guard l != blank else { throw LossError.invalidArgument(argument: "targets", reason: "contains the blank index \(blank)") }
            }
        }
        var work = 0.0
        for i in 0..<n { work += Double(inputLengths[i]) * Double(2 * targetLengths[i] + 1) }
        try Check.work(work, limit: 5e7, "targets")
        let lp = logProbs.data
        func at(_ t: Int, _ b: Int, _ k: Int) -> Double { lp[(t * n + b) * c + k] }
        var grad = [Double](repeating: 0, count: lp.count)
        var items = [Double](repeating: 0, count: n)
        let ninf = -Double.infinity
        for b in 0..<n {
            let tn = inputLengths[b], l = targetLengths[b]
            let ext = (0..<(2 * l + 1)).map { $0 % 2 == 0 ? blank : targets[b][$0 / 2] }
            let sCount = ext.count
            var alpha = [[Double]](repeating: [Double](repeating: ninf, count: sCount), count: tn)
            alpha[0][0] = at(0, b, blank)
            if sCount > 1 { alpha[0][1] = at(0, b, ext[1]) }
            for t in 1..<Swift.max(tn, 1) {
                for s in 0..<sCount {
                    var a = alpha[t - 1][s]
                    if s >= 1 { a = StableMath.logAddExp(a, alpha[t - 1][s - 1]) }
                    if s >= 2 && ext[s] != blank && ext[s] != ext[s - 2] { a = StableMath.logAddExp(a, alpha[t - 1][s - 2]) }
                    alpha[t][s] = a == ninf ? ninf : a + at(t, b, ext[s])
                }
            }
            var logP = alpha[tn - 1][sCount - 1]
            if sCount > 1 { logP = StableMath.logAddExp(logP, alpha[tn - 1][sCount - 2]) }
            items[b] = -logP
            guard logP > ninf else { continue }
            var beta = [[Double]](repeating: [Double](repeating: ninf, count: sCount), count: tn)
            beta[tn - 1][sCount - 1] = 0
            if sCount > 1 { beta[tn - 1][sCount - 2] = 0 }
            for t in stride(from: tn - 2, through: 0, by: -1) {
                for s in 0..<sCount {
                    var v = beta[t + 1][s] + at(t + 1, b, ext[s])
                    if s + 1 < sCount { v = StableMath.logAddExp(v, beta[t + 1][s + 1] + at(t + 1, b, ext[s + 1])) }
                    if s + 2 < sCount && ext[s + 2] != blank && ext[s + 2] != ext[s] {
                        v = StableMath.logAddExp(v, beta[t + 1][s + 2] + at(t + 1, b, ext[s + 2]))
                    }
                    beta[t][s] = v
                }
            }
            let seed: Double
            switch reduction {
            case .mean: seed = 1 / (Double(n) * Double(Swift.max(l, 1)))
            default: seed = 1
            }
            for t in 0..<tn {
                var acc = [Double](repeating: ninf, count: c)
                for s in 0..<sCount where alpha[t][s] > ninf && beta[t][s] > ninf {
                    acc[ext[s]] = StableMath.logAddExp(acc[ext[s]], alpha[t][s] + beta[t][s])
                }
                for k in 0..<c where acc[k] > ninf {
                    grad[(t * n + b) * c + k] = -seed * Foundation.exp(acc[k] - logP)
                }
            }
        }
        switch reduction {
        case .none: return LossOutput(value: items.reduce(0, +), items: items, reduction: reduction, gradients: ["log_probs": grad])
        case .sum: return LossOutput(value: items.reduce(0, +), items: nil, reduction: reduction, gradients: ["log_probs": grad])
        default:
            var total = 0.0
            for b in 0..<n { total += items[b] / Double(Swift.max(targetLengths[b], 1)) }
            return LossOutput(value: total / Double(n), items: nil, reduction: reduction, gradients: ["log_probs": grad])
        }
    }
}

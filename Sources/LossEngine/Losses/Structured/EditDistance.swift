extension Losses {
    /// Levenshtein edit distance between sequences (not differentiable).
    ///
    /// Per pair: the least number of insertions, deletions and substitutions turning the
    /// hypothesis into the reference; divided by the reference length if `normalize` (a word or
    /// character error rate; an empty reference gives 0 if the hypothesis is empty too, else +∞).
    /// - Parameters: hypothesis, reference: N sequences of integers (or use
    ///   ``editDistance(hypothesis:reference:normalize:reduction:)-(String...)`` for strings).
    /// - Returns: no gradients.
    /// - Stability: integer dynamic programming, O(|h|·|r|) time, O(|r|) memory.
    /// - Reference: Levenshtein, "Binary codes capable of correcting deletions, insertions, and
    ///   reversals", 1966; Wagner & Fischer, 1974.
    public static func editDistance(hypothesis: [[Int]], reference: [[Int]], normalize: Bool = false,
                                    reduction: Reduction = .mean) throws -> LossOutput {
        guard hypothesis.count == reference.count else {
            throw LossError.shapeMismatch(argument: "reference", expected: [hypothesis.count], found: [reference.count])
        }
        var work = 0.0
        for (h, ref) in zip(hypothesis, reference) { work += Double(h.count + 1) * Double(ref.count + 1) }
        try Check.work(work, "hypothesis")
        let r = try rows("edit_distance", count: hypothesis.count, argument: "hypothesis", reduction: reduction) { i, _ in
            let d = Double(levenshtein(hypothesis[i], reference[i]))
            guard normalize else { return d }
            if reference[i].isEmpty { return d == 0 ? 0 : .infinity }
            return d / Double(reference[i].count)
        }
        return LossOutput.make(total: r.total, denominator: r.denominator, items: r.items, reduction: reduction, gradients: [:])
    }

    /// Edit distance between strings, by Unicode scalar.
    public static func editDistance(hypothesis: [String], reference: [String], normalize: Bool = false,
                                    reduction: Reduction = .mean) throws -> LossOutput {
        try editDistance(hypothesis: hypothesis.map { $0.unicodeScalars.map { Int($0.value) } },
                         reference: reference.map { $0.unicodeScalars.map { Int($0.value) } },
                         normalize: normalize, reduction: reduction)
    }

    static func levenshtein(_ a: [Int], _ b: [Int]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = Swift.min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

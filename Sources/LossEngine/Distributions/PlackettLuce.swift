import Foundation

/// The Plackett–Luce distribution over rankings of K items.
///
/// log p(π) = Σₖ [s_{πₖ} − log Σ_{j≥k} e^{s_{πⱼ}}], π a permutation of 0..<K, best first.
/// - Parameters: `scores` s ∈ ℝᴷ.
/// - Stability: the suffix log-normalisers are accumulated with ``StableMath/logAddExp(_:_:)``
///   from the last item backwards: O(K) and finite for scores of ±1000. Scores are shifted by
///   their maximum first, so each term is (s − m) − log Σ e^{s′ − m}: scores of [1e16, 1e16]
///   give −log 2, where s − (m + log 2) rounds to 0.
/// - Reference: Plackett (1975), Luce (1959); sampling by the Gumbel-max trick.
public struct PlackettLuce: Sendable, Equatable {
    public let scores: [Double]

    public init(scores: [Double]) throws {
        try Check.nonEmpty(scores.count, "scores")
        try Check.finite(scores, "scores")
        self.scores = scores
    }

    public func logProb(_ ranking: [Int]) throws -> Double {
        try PlackettLuce.checkPermutation(ranking, count: scores.count, argument: "value")
        return PlackettLuce.logDensity(scores: scores, ranking: ranking)
    }

    /// The most probable ranking: items by decreasing score.
    public var mode: [Int] { scores.indices.sorted { scores[$0] > scores[$1] } }

    /// Sort s + Gumbel noise, decreasing.
    public func sample(using generator: inout SeededGenerator) -> [Int] {
        let keys = scores.map { $0 - Foundation.log(-Foundation.log(generator.nextOpenDouble())) }
        return keys.indices.sorted { keys[$0] > keys[$1] }
    }

    static func checkPermutation(_ ranking: [Int], count k: Int, argument: String) throws {
        try Check.count(ranking, k, argument)
        var seen = [Bool](repeating: false, count: k)
        for r in ranking {
            guard r >= 0 && r < k else { throw LossError.classIndexOutOfRange(argument: argument, index: r, classCount: k) }
            guard !seen[r] else { throw LossError.invalidArgument(argument: argument, reason: "not a permutation (\(r) appears twice)") }
            seen[r] = true
        }
    }

    static func logDensity(scores s: [Double], ranking: [Int]) -> Double {
        let top = s.max() ?? 0
        var suffix = -Double.infinity
        var total = 0.0
        for k in stride(from: ranking.count - 1, through: 0, by: -1) {
            let v = s[ranking[k]] - top
            suffix = StableMath.logAddExp(suffix, v)
            total += v - suffix
        }
        return total
    }
}

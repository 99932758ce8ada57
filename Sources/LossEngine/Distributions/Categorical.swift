import Foundation

/// The categorical distribution over classes 0..<K, parameterised by logits.
///
/// log p(k) = zₖ − logSumExp(z).
/// - Parameters: `logits` z ∈ ℝᴷ (K ≥ 1), or `probs` p ≥ 0 summing to 1 (stored as log p).
/// - Stability: log-probabilities come from ``StableMath/logSoftmax(_:)``; logits of ±1000 and
///   10,000 classes are fine.
/// - Reference: `torch.distributions.Categorical`.
public struct Categorical: Sendable, Equatable {
    /// Normalised log-probabilities.
    public let logProbs: [Double]

    public init(logits: [Double]) throws {
        try Check.nonEmpty(logits.count, "logits")
        try Check.finite(logits, "logits")
        logProbs = StableMath.logSoftmax(logits)
    }

    public init(probs: [Double]) throws {
        try Check.nonEmpty(probs.count, "probs")
        try Check.finite(probs, "probs")
        try Check.probability(probs, "probs")
        let total = probs.reduce(0, +)
        guard Swift.abs(total - 1) < 1e-6 else {
            throw LossError.invalidArgument(argument: "probs", reason: "probabilities sum to \(total), not 1")
        }
        logProbs = probs.map { Foundation.log($0 / total) }
    }

    public var classCount: Int { logProbs.count }
    public var probs: [Double] { logProbs.map { Foundation.exp($0) } }

    public func logProb(_ k: Int) throws -> Double {
        guard k >= 0 && k < logProbs.count else {
            throw LossError.classIndexOutOfRange(argument: "value", index: k, classCount: logProbs.count)
        }
        return logProbs[k]
    }

    /// The most probable class (the first of ties).
    public var mode: Int {
        var best = 0
        for k in logProbs.indices where logProbs[k] > logProbs[best] { best = k }
        return best
    }

    /// Entropy −Σ pₖ log pₖ (0 · log 0 = 0).
    public var entropy: Double {
        -logProbs.reduce(0) { $0 + ($1 == -.infinity ? 0 : Foundation.exp($1) * $1) }
    }

    /// Inverse-CDF draw.
    public func sample(using generator: inout SeededGenerator) -> Int {
        let u = generator.nextDouble()
        var acc = 0.0
        for k in logProbs.indices {
            acc += Foundation.exp(logProbs[k])
            if u < acc { return k }
        }
        return mode
    }
}

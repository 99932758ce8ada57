import Foundation

/// The Bernoulli distribution.
///
/// log p(x) = x log p + (1 − x) log(1 − p), x ∈ {0, 1}.
/// - Parameters: `probs` p ∈ [0, 1]. Support {0, 1}.
/// - Stability: 0 · log 0 = 0, and log(1 − p) as log1p(−p). For logits use
///   ``Losses/bceWithLogits(input:target:posWeight:reduction:)``, which never forms p.
/// - Reference: Bernoulli, *Ars Conjectandi* (1713); `torch.distributions.Bernoulli`.
public struct Bernoulli: Distribution {
    public let probs: Double

    public init(probs: Double) throws {
        try Param.finite(probs, "probs")
        guard probs >= 0 && probs <= 1 else { throw LossError.probabilityOutOfRange(argument: "probs", value: probs) }
        self.probs = probs
    }

    public var name: String { "bernoulli" }
    public var parameters: [String: Double] { ["probs": probs] }
    public var isDiscrete: Bool { true }
    public var support: Support { .binary }
    public var mean: Double? { probs }
    public var variance: Double? { probs * (1 - probs) }
    public var mode: Double? { probs == 0.5 ? nil : (probs > 0.5 ? 1 : 0) }

    public func logProb(_ x: Double) throws -> Double {
        try checkSupport(x)
        return x == 1 ? Foundation.log(probs) : Foundation.log1p(-probs)
    }

    public func sample(using generator: inout SeededGenerator) -> Double {
        generator.nextDouble() < probs ? 1 : 0
    }
}

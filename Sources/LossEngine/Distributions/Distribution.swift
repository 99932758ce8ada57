import Foundation

/// The set of values a distribution puts mass on.
public enum Support: String, Sendable, Equatable {
    case real, positive, nonNegative, unitInterval, nonNegativeIntegers, binary

    /// Whether `x` lies in the support.
    public func contains(_ x: Double) -> Bool {
        guard x.isFinite else { return false }
        switch self {
        case .real: return true
        case .positive: return x > 0
        case .nonNegative: return x >= 0
        case .unitInterval: return x >= 0 && x <= 1
        case .nonNegativeIntegers: return x >= 0 && x == x.rounded()
        case .binary: return x == 0 || x == 1
        }
    }
}

/// A univariate probability distribution with checked parameters.
///
/// Modelled on `torch.distributions`: parameters are validated when the value is built (a
/// non-positive scale throws), `logProb` throws for a value outside the support, and the
/// moments are optional where they are undefined (Student's t mean for ν ≤ 1, ...).
public protocol Distribution: Sendable {
    /// The catalog name (`normal`, `student_t`, ...).
    var name: String { get }
    /// Parameter values by name, as accepted by ``DistributionCatalog/make(_:params:)``.
    var parameters: [String: Double] { get }
    /// True for distributions on integers (Poisson, Bernoulli).
    var isDiscrete: Bool { get }
    /// Where the distribution puts mass.
    var support: Support { get }
    /// log density (continuous) or log mass (discrete) at `x`; throws outside the support.
    func logProb(_ x: Double) throws -> Double
    /// The mean, if defined.
    var mean: Double? { get }
    /// The variance, if defined (finite).
    var variance: Double? { get }
    /// The mode, if defined and unique.
    var mode: Double? { get }
    /// One draw from `generator`.
    func sample(using generator: inout SeededGenerator) -> Double
}

/// The univariate distributions of ``DistributionCatalog`` (every ``Distribution`` is univariate;
/// the multivariate ones are separate types).
public typealias UnivariateDistribution = Distribution

extension Distribution {
    public var isDiscrete: Bool { false }

    /// `n` draws.
    public func samples(_ n: Int, using generator: inout SeededGenerator) -> [Double] {
        (0..<Swift.max(n, 0)).map { _ in sample(using: &generator) }
    }

    /// Throws unless `x` is in the support.
    func checkSupport(_ x: Double, argument: String = "value") throws {
        guard x.isFinite else { throw LossError.nonFinite(argument: argument) }
        guard support.contains(x) else {
            throw LossError.outOfDomain(argument: argument, value: x, domain: support.domainText)
        }
    }
}

extension Support {
    var domainText: String {
        switch self {
        case .real: return "(-∞, ∞)"
        case .positive: return "(0, ∞)"
        case .nonNegative: return "[0, ∞)"
        case .unitInterval: return "[0, 1]"
        case .nonNegativeIntegers: return "{0, 1, 2, ...}"
        case .binary: return "{0, 1}"
        }
    }
}

/// Parameter checks shared by the distributions.
enum Param {
    static func finite(_ x: Double, _ name: String) throws {
        guard x.isFinite else { throw LossError.nonFinite(argument: name) }
    }
    static func positive(_ x: Double, _ name: String) throws {
        try finite(x, name)
        guard x > 0 else { throw LossError.nonPositive(argument: name, value: x) }
    }
    static func nonNegative(_ x: Double, _ name: String) throws {
        try finite(x, name)
        guard x >= 0 else { throw LossError.outOfDomain(argument: name, value: x, domain: "[0, ∞)") }
    }
}

/// x · log y with 0 · log 0 = 0 (as `torch.xlogy`).
@inline(__always)
func xlogy(_ x: Double, _ y: Double) -> Double {
    x == 0 ? 0 : x * Foundation.log(y)
}

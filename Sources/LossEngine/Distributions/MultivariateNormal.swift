import Foundation

/// The multivariate normal N(μ, L Lᵀ) parameterised by a Cholesky factor.
///
/// log p(x) = −½ D log 2π − Σᵢ log Lᵢᵢ − ½ ‖L⁻¹(x − μ)‖².
/// - Parameters: `mean` μ ∈ ℝᴰ, `scaleTril` L (D×D, lower triangular, positive diagonal).
/// - Stability: never forms Σ or its inverse; one forward substitution with L, and
///   log det Σ = 2 Σ log Lᵢᵢ (no determinant overflow in high dimension).
/// - Reference: `torch.distributions.MultivariateNormal(scale_tril=...)`.
public struct MultivariateNormal: Sendable, Equatable {
    public let mean: [Double]
    /// L, row-major D×D.
    public let scaleTril: Tensor

    public init(mean: [Double], scaleTril: Tensor) throws {
        try Check.nonEmpty(mean.count, "mean")
        try Check.finite(mean, "mean")
        try MultivariateNormal.validate(scaleTril, dimension: mean.count)
        self.mean = mean
        self.scaleTril = scaleTril
    }

    static func validate(_ l: Tensor, dimension d: Int, argument: String = "scale_tril") throws {
        try Check.shape(l, [d, d], argument)
        try Check.finite(l.data, argument)
        for i in 0..<d {
            guard l.data[i * d + i] > 0 else { throw LossError.nonPositive(argument: argument, value: l.data[i * d + i]) }
            for j in (i + 1)..<Swift.max(d, i + 1) where l.data[i * d + j] != 0 {
                throw LossError.invalidArgument(argument: argument, reason: "not lower triangular (entry [\(i)][\(j)] = \(l.data[i * d + j]))")
            }
        }
    }

    public var dimension: Int { mean.count }
    /// The mode, equal to the mean.
    public var mode: [Double] { mean }

    /// Σ = L Lᵀ, row-major.
    public var covariance: Tensor {
        let d = dimension
        var c = [Double](repeating: 0, count: d * d)
        for i in 0..<d {
            for j in 0..<d {
                var s = 0.0
                for k in 0...Swift.min(i, j) { s += scaleTril.data[i * d + k] * scaleTril.data[j * d + k] }
                c[i * d + j] = s
            }
        }
        return Tensor(unchecked: [d, d], c)
    }

    public func logProb(_ x: [Double]) throws -> Double {
        try Check.count(x, dimension, "value")
        try Check.finite(x, "value")
        let z = MultivariateNormal.whiten(x, mean: mean, l: scaleTril.data, d: dimension)
        return MultivariateNormal.logDensity(z: z, l: scaleTril.data, d: dimension)
    }

    /// μ + L ε with ε standard normal.
    public func sample(using generator: inout SeededGenerator) -> [Double] {
        let d = dimension
        let eps = (0..<d).map { _ in generator.nextNormal() }
        var x = mean
        for i in 0..<d {
            for k in 0...i { x[i] += scaleTril.data[i * d + k] * eps[k] }
        }
        return x
    }

    /// z = L⁻¹(x − μ) by forward substitution.
    static func whiten(_ x: [Double], mean: [Double], l: [Double], d: Int, offset: Int = 0, meanOffset: Int = 0) -> [Double] {
        var z = [Double](repeating: 0, count: d)
        for i in 0..<d {
            var s = x[offset + i] - mean[meanOffset + i]
            for k in 0..<i { s -= l[i * d + k] * z[k] }
            z[i] = s / l[i * d + i]
        }
        return z
    }

    static func logDensity(z: [Double], l: [Double], d: Int) -> Double {
        var logDet = 0.0
        for i in 0..<d { logDet += Foundation.log(l[i * d + i]) }
        var q = 0.0
        for v in z { q += v * v }
        return -Double(d) * Normal.halfLog2Pi - logDet - 0.5 * q
    }
}

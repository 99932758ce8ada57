import Foundation

/// The noise added to a synthetic regression target.
public enum NoiseModel: Sendable, Equatable {
    /// N(0, σ²).
    case gaussian(sigma: Double)
    /// Laplace(0, b): heavier tails than Gaussian.
    case laplace(scale: Double)
    /// Student's t with ν degrees of freedom, scaled.
    case studentT(df: Double, scale: Double)
    /// Right-skewed: an exponential with mean `scale`, shifted to mean 0.
    case skewed(scale: Double)
    /// N(0, σ(x)²) with σ(x) = base + slope·|x₀| (noise grows with the first feature).
    case heteroscedastic(base: Double, slope: Double)
}

/// Features and real targets.
public struct RegressionData: Sendable, Equatable {
    /// N×D features.
    public var x: Tensor
    /// N targets.
    public var y: [Double]
}

/// Features and class labels.
public struct ClassificationData: Sendable, Equatable {
    /// N×D features.
    public var x: Tensor
    /// N labels in 0..<classCount.
    public var labels: [Int]
    public var classCount: Int

    /// Labels as ±1 (class 1 → +1, else −1), for hinge losses.
    public var signs: [Double] { labels.map { $0 == 1 ? 1 : -1 } }
    /// Labels as 0/1 doubles, for binary losses.
    public var binaryTargets: [Double] { labels.map { $0 == 1 ? 1 : 0 } }
}

/// Seeded synthetic data sets for the course's experiments. The same seed gives the same data
/// on every machine.
public enum SyntheticData {
    /// y = x·w + b + noise, x ~ N(0, I); a fraction of targets replaced by outliers
    /// (± outlierScale · U(0.5, 1) added).
    public static func regression(n: Int, weights: [Double], bias: Double = 0, noise: NoiseModel = .gaussian(sigma: 1),
                                  outlierFraction: Double = 0, outlierScale: Double = 10, seed: UInt64) -> RegressionData {
        var g = SeededGenerator(seed: seed)
        let d = weights.count
        let count = Swift.max(n, 0)
        var x = [Double](repeating: 0, count: count * d)
        var y = [Double](repeating: 0, count: count)
        for i in 0..<count {
            var s = bias
            for j in 0..<d {
                let v = g.nextNormal()
                x[i * d + j] = v
                s += v * weights[j]
            }
            s += sampleNoise(noise, firstFeature: d > 0 ? x[i * d] : 0, &g)
            if outlierFraction > 0 && g.nextDouble() < outlierFraction {
                s += (g.nextDouble() < 0.5 ? -1 : 1) * outlierScale * (0.5 + 0.5 * g.nextDouble())
            }
            y[i] = s
        }
        return RegressionData(x: Tensor(unchecked: [count, d], x), y: y)
    }

    static func sampleNoise(_ noise: NoiseModel, firstFeature: Double, _ g: inout SeededGenerator) -> Double {
        switch noise {
        case .gaussian(let s): return s * g.nextNormal()
        case .laplace(let b): return (try? Laplace(loc: 0, scale: b).sample(using: &g)) ?? 0
        case .studentT(let df, let s): return (try? StudentT(df: df, loc: 0, scale: s).sample(using: &g)) ?? 0
        case .skewed(let s): return s * (-Foundation.log(g.nextOpenDouble()) - 1)
        case .heteroscedastic(let base, let slope): return (base + slope * Swift.abs(firstFeature)) * g.nextNormal()
        }
    }

    /// Gaussian blobs: class centres ~ N(0, separation²·I), points = centre + N(0, I).
    /// - Parameters:
    ///   - classWeights: relative class frequencies (class imbalance); nil for balanced.
    ///   - labelNoise: probability that a label is replaced by a uniformly random other class
    ///     (drawn from a separate stream: features and the other labels do not change).
    public static func classification(n: Int, features: Int, classes: Int = 2, separation: Double = 2,
                                      classWeights: [Double]? = nil, labelNoise: Double = 0,
                                      seed: UInt64) -> ClassificationData {
        var g = SeededGenerator(seed: seed)
        let k = Swift.max(classes, 1), d = Swift.max(features, 0), count = Swift.max(n, 0)
        let centres = (0..<(k * d)).map { _ in separation * g.nextNormal() }
        let weights = (classWeights?.count == k ? classWeights : nil) ?? [Double](repeating: 1, count: k)
        let total = weights.reduce(0, +)
        // Label noise has its own stream, so the same seed gives the same features and clean
        // labels with and without noise (the noisy set differs only in the flipped labels).
        var noise = SeededGenerator(seed: seed ^ 0xA5A5_5A5A_D00D_F00D)
        var x = [Double](repeating: 0, count: count * d)
        var labels = [Int](repeating: 0, count: count)
        for i in 0..<count {
            var u = g.nextDouble() * total
            var c = 0
            while c < k - 1 && u >= weights[c] {
                u -= weights[c]
                c += 1
            }
            for j in 0..<d { x[i * d + j] = centres[c * d + j] + g.nextNormal() }
            if labelNoise > 0 && k > 1 && noise.nextDouble() < labelNoise {
                c = (c + 1 + noise.nextInt(below: k - 1)) % k
            }
            labels[i] = c
        }
        return ClassificationData(x: Tensor(unchecked: [count, d], x), labels: labels, classCount: k)
    }
}

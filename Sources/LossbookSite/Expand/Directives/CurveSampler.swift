import Foundation
import LossEngine

/// Samples the curves a `plot` directive asks for through the engine: a loss per item against its
/// residual, margin, logit or probability; a density; an activation. Nothing here re-implements
/// a loss: every y value is the engine's own value or analytic gradient.
enum CurveSampler {
    /// What a loss curve is plotted against, and how the loss's arguments are filled to get there.
    enum Against: String, CaseIterable {
        /// input − target, with target 0.
        case residual
        /// y·s for a margin loss, with target +1.
        case margin
        /// the logit of a positive example (target 1).
        case logit
        /// the predicted probability of a positive example (target 1).
        case probability

        /// A sensible default from the loss's family.
        static func defaultFor(_ descriptor: LossDescriptor) -> Against {
            switch descriptor.name {
            case "hinge", "squared_hinge": return .margin
            case "bce": return .probability
            default: break
            }
            switch descriptor.family {
            case .binary, .generative: return .logit
            default: return .residual
            }
        }

        var targetValue: Double { self == .residual ? 0 : 1 }
    }

    struct SampleError: Error {
        var message: String
    }

    /// The per-item loss (or its derivative) at each x.
    ///
    /// With a `link`, the loss sees link(x) as its prediction and the derivative is taken with
    /// respect to x by the chain rule: how MSE on a sigmoid's output trains the logit.
    static func loss(_ name: String, args: [String: EngineValue], against: Against, derivative: Bool,
                     link: Activation? = nil, target: Double? = nil, xs: [Double]) throws(SampleError) -> [Double] {
        guard let descriptor = LossCatalog.descriptor(named: name) else {
            throw SampleError(message: "unknown loss '\(name)'")
        }
        // The plotted variable is the loss's prediction: `input`, or its first differentiable argument.
        guard let variable = descriptor.arg("input") != nil ? "input" : descriptor.differentiable.first else {
            throw SampleError(message: "loss '\(name)' has no prediction to plot against")
        }
        guard descriptor.reductions.contains(.none) else {
            throw SampleError(message: "loss '\(name)' has no per-item value to plot")
        }
        var filled = args
        filled[variable] = EngineValue(link.map { link in xs.map(link.value) } ?? xs)
        if descriptor.arg("target") != nil, args["target"] == nil || target != nil {
            filled["target"] = EngineValue(Array(repeating: target ?? against.targetValue, count: xs.count))
        }
        // Scalars given for per-item arguments (a variance, a scale) are the same for every point.
        for spec in descriptor.args where spec.kind == .array || spec.kind == .intArray {
            if case .number(let value)? = filled[spec.name] {
                filled[spec.name] = EngineValue(Array(repeating: value, count: xs.count))
            }
        }
        do {
            let result = try LossCatalog.evaluate(name, args: filled, reduction: .none)
            let values = derivative ? result.gradients[variable] : result.value
            guard let values, case .array(let entries) = values, entries.count == xs.count else {
                throw SampleError(message: "loss '\(name)' did not give one value per point; it is not an elementwise loss of '\(variable)'")
            }
            let ys = entries.map { $0.doubleValue ?? .nan }
            guard derivative, let link else { return ys }
            return zip(ys, xs).map { $0 * link.derivative($1) }
        } catch let error as SampleError {
            throw error
        } catch {
            throw SampleError(message: "loss '\(name)': \(error)")
        }
    }

    /// The 0–1 loss against the margin: 1 for a wrong side (margin < 0), 0 otherwise.
    static func misclassification(xs: [Double]) -> [Double] {
        xs.map { $0 < 0 ? 1 : 0 }
    }

    /// The density (or its log) at each x; NaN outside the support, which breaks the line there.
    static func density(_ name: String, params: [String: Double], log: Bool, xs: [Double]) throws(SampleError) -> [Double] {
        let distribution: any UnivariateDistribution
        do {
            distribution = try DistributionCatalog.make(name, params: params)
        } catch {
            throw SampleError(message: "distribution '\(name)': \(error)")
        }
        if distribution.isDiscrete {
            throw SampleError(message: "'\(name)' is discrete: draw its mass with 'kind: bars' and 'mass: \(name)'")
        }
        return xs.map { x in
            guard let logProb = try? distribution.logProb(x), logProb.isFinite else { return .nan }
            return log ? logProb : Foundation.exp(logProb)
        }
    }

    /// The probability mass at each whole number from `lower` to `upper`.
    static func mass(_ name: String, params: [String: Double], range: ClosedRange<Int>) throws(SampleError) -> [Double] {
        let distribution: any UnivariateDistribution
        do {
            distribution = try DistributionCatalog.make(name, params: params)
        } catch {
            throw SampleError(message: "distribution '\(name)': \(error)")
        }
        guard distribution.isDiscrete else {
            throw SampleError(message: "'\(name)' is continuous: draw its density as a curve with 'density: \(name)'")
        }
        return range.map { k in (try? distribution.logProb(Double(k))).map(Foundation.exp) ?? 0 }
    }
}

import Foundation

/// Full-batch minimisation shared by the experiments.
///
/// The experiments train through the engine's typed losses (``Losses``): a loss gives d loss /
/// d outputs, ``Model/parameterGradient(_:outputGradient:)`` carries it to the parameters, and an
/// ``Optimizer`` (state as a value) takes the step. Only the chain rule through a link function
/// (softplus for σ, exp for a variance) is written out in an experiment, never a loss gradient.
enum Descent {
    /// Minimises `objective` from `parameters` for `steps` steps; returns the objective value
    /// before each step. `objective` is called once per step and may record what it likes.
    static func minimize<O: Optimizer>(_ parameters: inout [Double], optimizer: O, steps: Int,
                                       _ objective: ([Double]) throws -> (value: Double, gradient: [Double])) rethrows -> [Double] {
        var state = optimizer.initialState(count: parameters.count)
        var history: [Double] = []
        history.reserveCapacity(Swift.max(steps, 0))
        for _ in 0..<Swift.max(steps, 0) {
            let (value, gradient) = try objective(parameters)
            history.append(value)
            optimizer.step(&parameters, gradient: gradient, state: &state)
        }
        return history
    }

    /// Trains `model` on full-batch `x`: `loss` maps the model's outputs to (loss value, d loss /
    /// d outputs, flat). Returns the loss before each step.
    static func train<M: Model, O: Optimizer>(_ model: inout M, x: Tensor, optimizer: O, steps: Int,
                                              _ loss: (Tensor) throws -> (value: Double, outputGradient: [Double])) rethrows -> [Double] {
        var p = model.parameters
        let m = model
        let history = try minimize(&p, optimizer: optimizer, steps: steps) { params in
            var current = m
            current.parameters = params
            return try current.valueAndGradient(x, loss)
        }
        model.parameters = p
        return history
    }
}

/// An affine map to several outputs, ŷ = x W + b (output N×K, also for K = 1): one linear
/// "head" per output on shared inputs, e.g. a mean and a raw scale.
struct LinearHeads: Model, Equatable {
    var parameters: [Double]
    let layer: Affine

    /// Zero weights; biases `bias` (one per output).
    init(features: Int, bias: [Double]) {
        layer = Affine(inputs: features, outputs: bias.count)
        parameters = [Double](repeating: 0, count: features * bias.count) + bias
    }

    func forward(_ x: Tensor) -> Tensor {
        let n = x.shape.first ?? 0
        return Tensor(unchecked: [n, layer.outputs], layer.apply(parameters[...], x.data, rows: n))
    }

    func parameterGradient(_ x: Tensor, outputGradient: Tensor) -> [Double] {
        layer.backward(parameters[...], x.data, rows: x.shape.first ?? 0, outputGradient.data, needInput: false).0
    }

    /// Weight from input `j` to output `k`.
    func weight(_ j: Int, _ k: Int) -> Double { parameters[j * layer.outputs + k] }
    /// Bias of output `k`.
    func bias(_ k: Int) -> Double { parameters[layer.inputs * layer.outputs + k] }
}

/// Small numeric helpers for data generation, metrics and figures.
enum Stats {
    static func mean(_ x: [Double]) -> Double { x.isEmpty ? 0 : x.reduce(0, +) / Double(x.count) }

    /// Population standard deviation (divides by N).
    static func std(_ x: [Double]) -> Double {
        let m = mean(x)
        return (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(Swift.max(x.count, 1))).squareRoot()
    }

    /// Linear-interpolation quantile (NumPy's default), q ∈ [0, 1].
    static func quantile(_ x: [Double], _ q: Double) -> Double {
        guard !x.isEmpty else { return 0 }
        let s = x.sorted()
        let h = Double(s.count - 1) * q
        let lo = Int(h.rounded(.down)), hi = Swift.min(lo + 1, s.count - 1)
        return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
    }

    static func median(_ x: [Double]) -> Double { quantile(x, 0.5) }

    static func norm(_ x: [Double]) -> Double { x.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    /// `count` evenly spaced values from `lo` to `hi` inclusive.
    static func linspace(_ lo: Double, _ hi: Double, _ count: Int) -> [Double] {
        guard count > 1 else { return [lo] }
        return (0..<count).map { lo + (hi - lo) * Double($0) / Double(count - 1) }
    }

    /// `count` values from 10^lo to 10^hi, evenly spaced in log.
    static func logspace(_ lo: Double, _ hi: Double, _ count: Int) -> [Double] {
        linspace(lo, hi, count).map { Foundation.pow(10, $0) }
    }

    /// Uniform in [lo, hi).
    static func uniform(_ g: inout SeededGenerator, _ lo: Double, _ hi: Double) -> Double {
        lo + (hi - lo) * g.nextDouble()
    }

    /// An N×1 feature matrix.
    static func column(_ x: [Double]) -> Tensor { Tensor(unchecked: [x.count, 1], x) }

    /// Column `k` of an N×K tensor.
    static func column(_ t: Tensor, _ k: Int) -> [Double] {
        let width = t.shape.count == 2 ? t.shape[1] : 1
        return (0..<(t.count / Swift.max(width, 1))).map { t.data[$0 * width + k] }
    }

    /// Sums an N×K flat gradient into one value per column.
    static func columnSums(_ flat: [Double], width: Int) -> [Double] {
        var out = [Double](repeating: 0, count: width)
        for (i, v) in flat.enumerated() { out[i % width] += v }
        return out
    }

    /// Density histogram: bin centres and heights (counts / (N · width)) over [lo, hi).
    static func density(_ x: [Double], lo: Double, hi: Double, bins: Int) -> (centres: [Double], heights: [Double]) {
        let w = (hi - lo) / Double(bins)
        var counts = [Double](repeating: 0, count: bins)
        for v in x where v >= lo && v < hi { counts[Swift.min(Int((v - lo) / w), bins - 1)] += 1 }
        let centres = (0..<bins).map { lo + (Double($0) + 0.5) * w }
        return (centres, counts.map { $0 / (Double(x.count) * w) })
    }
}

/// Binary classification metrics with class 1 as the positive (minority) class.
struct BinaryMetrics: Equatable {
    var accuracy: Double
    /// TP / (TP + FN); 0 if there are no positives.
    var recall: Double
    /// TP / (TP + FP); 0 if nothing is predicted positive.
    var precision: Double
    /// (recall + specificity) / 2.
    var balancedAccuracy: Double

    init(predicted: [Bool], actual: [Bool]) {
        var tp = 0.0, fp = 0.0, tn = 0.0, fn = 0.0
        for (p, a) in zip(predicted, actual) {
            switch (p, a) {
            case (true, true): tp += 1
            case (true, false): fp += 1
            case (false, false): tn += 1
            case (false, true): fn += 1
            }
        }
        let n = Swift.max(tp + fp + tn + fn, 1)
        accuracy = (tp + tn) / n
        recall = tp + fn > 0 ? tp / (tp + fn) : 0
        precision = tp + fp > 0 ? tp / (tp + fp) : 0
        let specificity = tn + fp > 0 ? tn / (tn + fp) : 0
        balancedAccuracy = (recall + specificity) / 2
    }
}

import Foundation

/// A differentiable model: parameters in one flat vector, a forward pass, and the chain rule
/// from the gradient of a loss with respect to the outputs to the parameters.
public protocol Model: Sendable {
    /// All parameters, flat.
    var parameters: [Double] { get set }
    /// Outputs for N×D inputs: shape [N] for one output per sample, [N, K] for several.
    func forward(_ x: Tensor) -> Tensor
    /// d loss / d parameters, given d loss / d outputs (same shape as `forward`'s result).
    func parameterGradient(_ x: Tensor, outputGradient: Tensor) -> [Double]
}

/// Shared affine map y = x W + b with W stored row-major D×K, then b.
struct Affine: Sendable, Equatable {
    let inputs: Int
    let outputs: Int

    var parameterCount: Int { inputs * outputs + outputs }

    func apply(_ p: ArraySlice<Double>, _ x: [Double], rows n: Int) -> [Double] {
        let base = p.startIndex
        var out = [Double](repeating: 0, count: n * outputs)
        for i in 0..<n {
            for k in 0..<outputs {
                var s = p[base + inputs * outputs + k]
                for j in 0..<inputs { s += x[i * inputs + j] * p[base + j * outputs + k] }
                out[i * outputs + k] = s
            }
        }
        return out
    }

    /// (d params, d inputs) from d outputs.
    func backward(_ p: ArraySlice<Double>, _ x: [Double], rows n: Int, _ dOut: [Double], needInput: Bool) -> ([Double], [Double]) {
        let base = p.startIndex
        var g = [Double](repeating: 0, count: parameterCount)
        var dx = [Double](repeating: 0, count: needInput ? n * inputs : 0)
        for i in 0..<n {
            for k in 0..<outputs {
                let d = dOut[i * outputs + k]
                if d == 0 { continue }
                g[inputs * outputs + k] += d
                for j in 0..<inputs {
                    g[j * outputs + k] += x[i * inputs + j] * d
                    if needInput { dx[i * inputs + j] += p[base + j * outputs + k] * d }
                }
            }
        }
        return (g, dx)
    }

    static func initial(_ inputs: Int, _ outputs: Int, scale: Double, _ g: inout SeededGenerator) -> [Double] {
        (0..<(inputs * outputs)).map { _ in scale * g.nextNormal() } + [Double](repeating: 0, count: outputs)
    }
}

/// Linear regression: ŷ = x·w + b (output shape [N]).
public struct LinearRegression: Model, Equatable {
    public var parameters: [Double]
    let layer: Affine

    /// Zero-initialised weights for `features` inputs.
    public init(features: Int) {
        layer = Affine(inputs: features, outputs: 1)
        parameters = [Double](repeating: 0, count: layer.parameterCount)
    }

    public var weights: [Double] { Array(parameters.prefix(layer.inputs)) }
    public var bias: Double { parameters.last ?? 0 }

    public func forward(_ x: Tensor) -> Tensor {
        let n = x.shape.first ?? 0
        return Tensor(unchecked: [n], layer.apply(parameters[...], x.data, rows: n))
    }

    public func parameterGradient(_ x: Tensor, outputGradient: Tensor) -> [Double] {
        layer.backward(parameters[...], x.data, rows: x.shape.first ?? 0, outputGradient.data, needInput: false).0
    }
}

/// Logistic regression: logit = x·w + b (output shape [N]); train with `bce_with_logits`,
/// `focal`, `hinge`, ...
public struct LogisticRegression: Model, Equatable {
    public var parameters: [Double]
    let layer: Affine

    public init(features: Int) {
        layer = Affine(inputs: features, outputs: 1)
        parameters = [Double](repeating: 0, count: layer.parameterCount)
    }

    public func forward(_ x: Tensor) -> Tensor {
        let n = x.shape.first ?? 0
        return Tensor(unchecked: [n], layer.apply(parameters[...], x.data, rows: n))
    }

    /// σ(logit) per sample.
    public func probabilities(_ x: Tensor) -> [Double] { forward(x).data.map(StableMath.sigmoid) }

    public func parameterGradient(_ x: Tensor, outputGradient: Tensor) -> [Double] {
        layer.backward(parameters[...], x.data, rows: x.shape.first ?? 0, outputGradient.data, needInput: false).0
    }
}

/// Softmax (multinomial logistic) regression: logits = x W + b (output N×K); train with
/// `cross_entropy` and friends.
public struct SoftmaxRegression: Model, Equatable {
    public var parameters: [Double]
    let layer: Affine

    public init(features: Int, classes: Int) {
        layer = Affine(inputs: features, outputs: classes)
        parameters = [Double](repeating: 0, count: layer.parameterCount)
    }

    public func forward(_ x: Tensor) -> Tensor {
        let n = x.shape.first ?? 0
        return Tensor(unchecked: [n, layer.outputs], layer.apply(parameters[...], x.data, rows: n))
    }

    /// The arg-max class per sample.
    public func predictClasses(_ x: Tensor) -> [Int] { argmaxRows(forward(x)) }

    public func parameterGradient(_ x: Tensor, outputGradient: Tensor) -> [Double] {
        layer.backward(parameters[...], x.data, rows: x.shape.first ?? 0, outputGradient.data, needInput: false).0
    }
}

/// A multilayer perceptron with one hidden layer: out = act(x W₁ + b₁) W₂ + b₂.
/// Output shape [N] when `outputs` is 1, else N×outputs.
public struct MLP: Model, Equatable {
    public var parameters: [Double]
    let hiddenLayer: Affine
    let outputLayer: Affine
    public let activation: Activation

    /// Weights drawn N(0, 1/fan-in) from `seed`, biases 0.
    public init(features: Int, hidden: Int, outputs: Int = 1, activation: Activation = .tanh, seed: UInt64) {
        hiddenLayer = Affine(inputs: features, outputs: hidden)
        outputLayer = Affine(inputs: hidden, outputs: outputs)
        self.activation = activation
        var g = SeededGenerator(seed: seed)
        parameters = Affine.initial(features, hidden, scale: 1 / Double(Swift.max(features, 1)).squareRoot(), &g)
            + Affine.initial(hidden, outputs, scale: 1 / Double(Swift.max(hidden, 1)).squareRoot(), &g)
    }

    private var split: Int { hiddenLayer.parameterCount }

    func hiddenActivations(_ x: Tensor) -> (pre: [Double], post: [Double]) {
        let n = x.shape.first ?? 0
        let pre = hiddenLayer.apply(parameters[0..<split], x.data, rows: n)
        return (pre, pre.map(activation.value))
    }

    public func forward(_ x: Tensor) -> Tensor {
        let n = x.shape.first ?? 0
        let h = hiddenActivations(x).post
        let out = outputLayer.apply(parameters[split...], h, rows: n)
        return Tensor(unchecked: outputLayer.outputs == 1 ? [n] : [n, outputLayer.outputs], out)
    }

    public func parameterGradient(_ x: Tensor, outputGradient: Tensor) -> [Double] {
        let n = x.shape.first ?? 0
        let (pre, post) = hiddenActivations(x)
        let (g2, dh) = outputLayer.backward(parameters[split...], post, rows: n, outputGradient.data, needInput: true)
        var dpre = dh
        for i in dpre.indices { dpre[i] *= activation.derivative(pre[i]) }
        let (g1, _) = hiddenLayer.backward(parameters[0..<split], x.data, rows: n, dpre, needInput: false)
        return g1 + g2
    }
}

func argmaxRows(_ t: Tensor) -> [Int] {
    guard t.rank == 2 else { return [] }
    let k = t.shape[1]
    return (0..<t.shape[0]).map { i in
        var best = 0
        for j in 0..<k where t.data[i * k + j] > t.data[i * k + best] { best = j }
        return best
    }
}

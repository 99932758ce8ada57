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
    /// The value of `loss` on the outputs for `x` and its gradient with respect to the
    /// parameters: `forward`, then `loss`, then `parameterGradient`. A model may share work
    /// between the passes but must return the same numbers.
    func valueAndGradient(_ x: Tensor, _ loss: (Tensor) throws -> (value: Double, outputGradient: [Double])) rethrows
        -> (value: Double, gradient: [Double])
}

extension Model {
    public func valueAndGradient(_ x: Tensor, _ loss: (Tensor) throws -> (value: Double, outputGradient: [Double])) rethrows
        -> (value: Double, gradient: [Double]) {
        let out = forward(x)
        let (value, dOut) = try loss(out)
        return (value, parameterGradient(x, outputGradient: Tensor(unchecked: out.shape, dOut)))
    }
}

/// Shared affine map y = x W + b with W stored row-major D×K, then b.
///
/// The loops run over raw buffers (no slices, no per-element bounds checks in release builds)
/// but keep one fixed order of floating-point operations: every output starts from its bias and
/// adds x[i, j]·W[j, k] for j = 0, 1, …; every gradient entry sums its terms over the samples
/// i = 0, 1, …. The course's experiments are reproducible bit for bit only while that order holds.
struct Affine: Sendable, Equatable {
    let inputs: Int
    let outputs: Int

    var parameterCount: Int { inputs * outputs + outputs }

    func apply(_ p: ArraySlice<Double>, _ x: [Double], rows n: Int) -> [Double] {
        var out = [Double](repeating: 0, count: n * outputs)
        padded(p, parameterCount).withUnsafeBufferPointer { pp in
            padded(x[...], n * inputs).withUnsafeBufferPointer { xp in
                out.withUnsafeMutableBufferPointer { apply(pp, xp, rows: n, into: $0) }
            }
        }
        return out
    }

    /// `out` (n × outputs) ← x W + b, for parameters `p` (W then b) and inputs `x` (n × inputs).
    ///
    /// Each row's outputs are accumulated together, input by input (out[i, k] = b[k], then
    /// += x[i, j]·W[j, k] for j = 0, 1, …): the additions each output receives, and their order,
    /// are those of a dot product per output, but the inner loop runs along a row of W, which
    /// the compiler can vectorise, and K sums advance at once instead of one chain at a time.
    func apply(_ p: UnsafeBufferPointer<Double>, _ x: UnsafeBufferPointer<Double>, rows n: Int,
               into out: UnsafeMutableBufferPointer<Double>) {
        guard let w = p.baseAddress, let o = out.baseAddress, let xs = x.baseAddress, outputs > 0 else { return }
        let b = w + inputs * outputs
        if outputs == 2 {
            // Two outputs (a mean and a scale): both sums in registers, two rows at a time.
            var i = 0
            while i + 1 < n {
                let x0 = xs + i * inputs, x1 = x0 + inputs
                var a0 = b[0], a1 = b[1], c0 = b[0], c1 = b[1]
                for j in 0..<inputs {
                    let w0 = w[2 * j], w1 = w[2 * j + 1]
                    let u = x0[j], v = x1[j]
                    a0 += u * w0
                    a1 += u * w1
                    c0 += v * w0
                    c1 += v * w1
                }
                o[2 * i] = a0
                o[2 * i + 1] = a1
                o[2 * i + 2] = c0
                o[2 * i + 3] = c1
                i += 2
            }
            if i < n {
                let x0 = xs + i * inputs
                var a0 = b[0], a1 = b[1]
                for j in 0..<inputs {
                    a0 += x0[j] * w[2 * j]
                    a1 += x0[j] * w[2 * j + 1]
                }
                o[2 * i] = a0
                o[2 * i + 1] = a1
            }
            return
        }
        for i in 0..<n {
            let row = o + i * outputs
            let xi = xs + i * inputs
            for k in 0..<outputs { row[k] = b[k] }
            for j in 0..<inputs {
                let xij = xi[j]
                let wj = w + j * outputs
                for k in 0..<outputs { row[k] += xij * wj[k] }
            }
        }
    }

    /// (d params, d inputs) from d outputs.
    func backward(_ p: ArraySlice<Double>, _ x: [Double], rows n: Int, _ dOut: [Double], needInput: Bool) -> ([Double], [Double]) {
        var g = [Double](repeating: 0, count: parameterCount)
        var dx = [Double](repeating: 0, count: needInput ? n * inputs : 0)
        padded(p, parameterCount).withUnsafeBufferPointer { pp in
            padded(x[...], n * inputs).withUnsafeBufferPointer { xp in
                padded(dOut[...], n * outputs).withUnsafeBufferPointer { dp in
                    g.withUnsafeMutableBufferPointer { gp in
                        dx.withUnsafeMutableBufferPointer { dxp in
                            backward(pp, xp, rows: n, dp, gradient: gp, inputGradient: needInput ? dxp : nil)
                        }
                    }
                }
            }
        }
        return (g, dx)
    }

    /// Adds d loss / d parameters to `g` (parameterCount entries) and, when given, d loss / d inputs
    /// to `dx` (n × inputs), from d loss / d outputs `dOut` (n × outputs). Callers pass zeroed
    /// buffers.
    ///
    /// Every entry receives the same additions in the same order as the textbook loop (samples
    /// i in order for the weights and biases, outputs k in order for dx[i, j]), and a zero
    /// output gradient adds nothing, as in that loop; the inner loops run along rows of W and g.
    func backward(_ p: UnsafeBufferPointer<Double>, _ x: UnsafeBufferPointer<Double>, rows n: Int,
                  _ dOut: UnsafeBufferPointer<Double>, gradient g: UnsafeMutableBufferPointer<Double>,
                  inputGradient dx: UnsafeMutableBufferPointer<Double>?) {
        guard let w = p.baseAddress, let gw = g.baseAddress, let xs = x.baseAddress, let ds = dOut.baseAddress, outputs > 0 else { return }
        let gb = gw + inputs * outputs
        let dxs = dx?.baseAddress
        for i in 0..<n {
            let d = ds + i * outputs
            let xi = xs + i * inputs
            var allNonzero = true
            for k in 0..<outputs where d[k] == 0 { allNonzero = false }
            if allNonzero && outputs == 2 {
                let d0 = d[0], d1 = d[1]
                gb[0] += d0
                gb[1] += d1
                for j in 0..<inputs {
                    let xij = xi[j]
                    gw[2 * j] += xij * d0
                    gw[2 * j + 1] += xij * d1
                }
                if let dxs {
                    let dxi = dxs + i * inputs
                    for j in 0..<inputs { dxi[j] = (dxi[j] + w[2 * j] * d0) + w[2 * j + 1] * d1 }
                }
            } else if allNonzero {
                for k in 0..<outputs { gb[k] += d[k] }
                for j in 0..<inputs {
                    let xij = xi[j]
                    let gj = gw + j * outputs
                    for k in 0..<outputs { gj[k] += xij * d[k] }
                }
                if let dxs {
                    let dxi = dxs + i * inputs
                    for j in 0..<inputs {
                        let wj = w + j * outputs
                        var s = dxi[j]
                        for k in 0..<outputs { s += wj[k] * d[k] }
                        dxi[j] = s
                    }
                }
            } else {
                // Some output gradients are zero: skip exactly those, as the textbook loop does.
                for k in 0..<outputs {
                    let dk = d[k]
                    if dk == 0 { continue }
                    gb[k] += dk
                    for j in 0..<inputs { gw[j * outputs + k] += xi[j] * dk }
                    if let dxs {
                        for j in 0..<inputs { dxs[i * inputs + j] += w[j * outputs + k] * dk }
                    }
                }
            }
        }
    }

    /// `a` if it has exactly `count` entries, else a copy cut or zero-padded to `count`: the
    /// buffer loops never read past an end, whatever shape a caller's parameters or inputs have.
    func padded(_ a: ArraySlice<Double>, _ count: Int) -> ArraySlice<Double> {
        if a.count == count { return a }
        return ArraySlice(Array(a.prefix(count)) + [Double](repeating: 0, count: Swift.max(count - a.count, 0)))
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
        var workspace = MLPWorkspace()
        fillHidden(x, &workspace)
        return (workspace.pre, workspace.post)
    }

    public func forward(_ x: Tensor) -> Tensor {
        var workspace = MLPWorkspace()
        return forward(x, workspace: &workspace)
    }

    public func parameterGradient(_ x: Tensor, outputGradient: Tensor) -> [Double] {
        var workspace = MLPWorkspace()
        fillHidden(x, &workspace)
        return parameterGradient(x, outputGradient: outputGradient.data, workspace: &workspace)
    }

    /// One training evaluation: the forward pass, `loss` on its outputs, and the chain rule back
    /// to the parameters, computing the hidden activations once (``forward(_:)`` followed by
    /// ``parameterGradient(_:outputGradient:)`` computes them twice, and the activation's
    /// derivative a third time). Same numbers as that pair, bit for bit.
    public func valueAndGradient(_ x: Tensor, _ loss: (Tensor) throws -> (value: Double, outputGradient: [Double])) rethrows
        -> (value: Double, gradient: [Double]) {
        var workspace = MLPWorkspace()
        return try valueAndGradient(x, workspace: &workspace, loss)
    }

    /// ``valueAndGradient(_:_:)`` reusing `workspace`'s buffers, so that a training loop
    /// allocates no activations per step. With `hiddenLayer: false` the hidden layer's
    /// parameters get a zero gradient and the chain rule stops at the output layer: for a loop
    /// that trains only the output layer, the same numbers for it at a third of the cost.
    func valueAndGradient(_ x: Tensor, workspace: inout MLPWorkspace, hiddenLayer: Bool = true,
                          _ loss: (Tensor) throws -> (value: Double, outputGradient: [Double])) rethrows
        -> (value: Double, gradient: [Double]) {
        let out = forward(x, workspace: &workspace)
        let (value, dOut) = try loss(out)
        return (value, parameterGradient(x, outputGradient: dOut, workspace: &workspace, hiddenLayer: hiddenLayer))
    }

    /// Outputs for `x`, leaving the hidden layer's pre- and post-activations in `workspace`.
    func forward(_ x: Tensor, workspace ws: inout MLPWorkspace) -> Tensor {
        let n = x.shape.first ?? 0
        fillHidden(x, &ws)
        let count = n * outputLayer.outputs
        var out = [Double](repeating: 0, count: count)
        fittedParameters.withUnsafeBufferPointer { p in
            ws.post.withUnsafeBufferPointer { h in
                out.withUnsafeMutableBufferPointer {
                    outputLayer.apply(UnsafeBufferPointer(rebasing: p[split...]), h, rows: n, into: $0)
                }
            }
        }
        return Tensor(unchecked: outputLayer.outputs == 1 ? [n] : [n, outputLayer.outputs], out)
    }

    /// d loss / d parameters from d loss / d outputs, using the hidden activations that
    /// ``forward(_:workspace:)`` left in `ws` for the same parameters and inputs.
    /// With `hiddenLayer: false`, the hidden layer's entries are left at zero (see
    /// ``valueAndGradient(_:workspace:hiddenLayer:_:)``).
    func parameterGradient(_ x: Tensor, outputGradient dOut: [Double], workspace ws: inout MLPWorkspace,
                           hiddenLayer throughHidden: Bool = true) -> [Double] {
        let n = x.shape.first ?? 0
        let width = hiddenLayer.outputs
        MLPWorkspace.reset(&ws.dHidden, n * width)
        var gradient = [Double](repeating: 0, count: split + outputLayer.parameterCount)
        let activation = activation
        let dOut = outputLayer.padded(dOut[...], n * outputLayer.outputs)
        fittedParameters.withUnsafeBufferPointer { p in
            gradient.withUnsafeMutableBufferPointer { g in
                ws.withBuffers { pre, post, dHidden in
                    dOut.withUnsafeBufferPointer { (d: UnsafeBufferPointer<Double>) in
                        let outputParameters = UnsafeBufferPointer(rebasing: p[split...])
                        let outputGradient = UnsafeMutableBufferPointer(rebasing: g[split...])
                        outputLayer.backward(outputParameters, post, rows: n, d, gradient: outputGradient,
                                             inputGradient: throughHidden ? dHidden : nil)
                    }
                    guard throughHidden else { return }
                    // d loss / d pre-activations, in place.
                    if activation == .tanh {
                        // tanh′ = 1 − tanh², as ``Activation/derivative(at:value:)`` computes it,
                        // in a loop without a switch per unit that the compiler can vectorise.
                        for i in 0..<(n * width) { dHidden[i] *= 1 - post[i] * post[i] }
                    } else {
                        for i in 0..<(n * width) { dHidden[i] *= activation.derivative(at: pre[i], value: post[i]) }
                    }
                    hiddenLayer.padded(x.data[...], n * hiddenLayer.inputs).withUnsafeBufferPointer { xp in
                        hiddenLayer.backward(UnsafeBufferPointer(rebasing: p[..<split]), xp, rows: n, UnsafeBufferPointer(dHidden),
                                             gradient: UnsafeMutableBufferPointer(rebasing: g[..<split]), inputGradient: nil)
                    }
                }
            }
        }
        return gradient
    }

    /// The hidden layer's pre-activations x W₁ + b₁ and activations, into `ws`.
    private func fillHidden(_ x: Tensor, _ ws: inout MLPWorkspace) {
        let n = x.shape.first ?? 0
        let count = n * hiddenLayer.outputs
        // A step that left the hidden layer alone (training only the output layer, as the
        // heteroscedastic lab's second stage does) finds its activations already there: same
        // parameters and inputs bit for bit, so the same numbers, without a tanh per unit.
        let key = [UInt64(hiddenLayer.inputs), UInt64(hiddenLayer.outputs), UInt64(n),
                   UInt64(Activation.allCases.firstIndex(of: activation) ?? 0)]
            + fittedParameters[..<split].map(\.bitPattern) + hiddenLayer.padded(x.data[...], n * hiddenLayer.inputs).map(\.bitPattern)
        if key == ws.hiddenKey, ws.pre.count == count, ws.post.count == count { return }
        ws.hiddenKey = key
        MLPWorkspace.reset(&ws.pre, count)
        MLPWorkspace.reset(&ws.post, count)
        let activation = activation
        fittedParameters.withUnsafeBufferPointer { p in
            hiddenLayer.padded(x.data[...], n * hiddenLayer.inputs).withUnsafeBufferPointer { xp in
                ws.pre.withUnsafeMutableBufferPointer { pre in
                    hiddenLayer.apply(UnsafeBufferPointer(rebasing: p[..<split]), xp, rows: n, into: pre)
                }
            }
        }
        let pre = ws.pre
        ws.post.withUnsafeMutableBufferPointer { post in
            pre.withUnsafeBufferPointer { pre in
                if activation == .tanh {
                    // Four units at a time through the vector tanh (glibc's scalar tanh was 70 %
                    // of the course's experiments); the tail runs the same lane code, so every
                    // unit's value is ``Activation/value(_:)``'s, bit for bit.
                    mapLanes(pre, post, VectorMath.tanh)
                } else {
                    for i in 0..<count { post[i] = activation.value(pre[i]) }
                }
            }
        }
    }

    /// `parameters`, cut or zero-padded to the layers' size if a caller set a vector of another length.
    private var fittedParameters: ArraySlice<Double> {
        hiddenLayer.padded(parameters[...], split + outputLayer.parameterCount)
    }
}

/// The buffers of one MLP forward and backward pass, kept between training steps.
struct MLPWorkspace {
    var pre: [Double] = []
    var post: [Double] = []
    var dHidden: [Double] = []
    /// The shapes, activation, hidden-layer parameters and inputs (as bit patterns) that `pre`
    /// and `post` were computed from.
    var hiddenKey: [UInt64] = []

    /// Makes `buffer` `count` zeros, reusing its storage when it is large enough.
    static func reset(_ buffer: inout [Double], _ count: Int) {
        if buffer.count == count {
            buffer.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        } else {
            buffer = [Double](repeating: 0, count: count)
        }
    }

    /// The three buffers at once: pre- and post-activations read, d hidden written.
    mutating func withBuffers<R>(_ body: (UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) throws -> R) rethrows -> R {
        try pre.withUnsafeBufferPointer { pre in
            try post.withUnsafeBufferPointer { post in
                try dHidden.withUnsafeMutableBufferPointer { try body(pre, post, $0) }
            }
        }
    }
}

extension Activation {
    /// f′(x) given f(x) = `value` already computed: the same number as ``derivative(_:)`` (whose
    /// tanh′ = 1 − tanh², σ′ = σ(1 − σ) and exp′ = exp recompute f), without calling f again.
    @inline(__always)
    func derivative(at x: Double, value: Double) -> Double {
        switch self {
        case .tanh: return 1 - value * value
        case .sigmoid: return value * (1 - value)
        case .exp: return value
        case .softplus, .relu, .log: return derivative(x)
        }
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

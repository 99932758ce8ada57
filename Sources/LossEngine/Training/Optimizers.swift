import Foundation

/// A first-order optimiser. Its state is a value, passed in and out explicitly (as in optax), so
/// training is reproducible and a run can be paused, copied and resumed.
public protocol Optimizer: Sendable {
    associatedtype State: Sendable, Equatable
    /// The state for `count` parameters.
    func initialState(count: Int) -> State
    /// One update of `parameters` from `gradient`.
    func step(_ parameters: inout [Double], gradient: [Double], state: inout State)
}

/// Gradient descent with optional (heavy-ball) momentum: v ← μv + g; θ ← θ − ηv.
public struct GradientDescent: Optimizer, Equatable {
    public var learningRate: Double
    public var momentum: Double

    public init(learningRate: Double, momentum: Double = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
    }

    /// The velocity.
    public func initialState(count: Int) -> [Double] { [Double](repeating: 0, count: count) }

    public func step(_ parameters: inout [Double], gradient: [Double], state: inout [Double]) {
        for i in parameters.indices where i < gradient.count {
            state[i] = momentum * state[i] + gradient[i]
            parameters[i] -= learningRate * state[i]
        }
    }
}

/// Adam (Kingma & Ba, 2015): bias-corrected moving averages of the gradient and its square.
public struct Adam: Optimizer, Equatable {
    public var learningRate: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double

    public init(learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    /// First and second moment estimates and the step count.
    public struct State: Sendable, Equatable {
        public var m: [Double]
        public var v: [Double]
        public var t: Int
    }

    public func initialState(count: Int) -> State {
        State(m: [Double](repeating: 0, count: count), v: [Double](repeating: 0, count: count), t: 0)
    }

    public func step(_ parameters: inout [Double], gradient: [Double], state: inout State) {
        state.t += 1
        let c1 = 1 - Foundation.pow(beta1, Double(state.t))
        let c2 = 1 - Foundation.pow(beta2, Double(state.t))
        for i in parameters.indices where i < gradient.count {
            let g = gradient[i]
            state.m[i] = beta1 * state.m[i] + (1 - beta1) * g
            state.v[i] = beta2 * state.v[i] + (1 - beta2) * g * g
            let mHat = state.m[i] / c1
            let vHat = state.v[i] / c2
            parameters[i] -= learningRate * mHat / (vHat.squareRoot() + epsilon)
        }
    }
}

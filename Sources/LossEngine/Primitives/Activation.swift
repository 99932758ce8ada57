import Foundation

/// Pointwise functions used for link functions and hidden layers, each with its derivative.
public enum Activation: String, CaseIterable, Sendable {
    case sigmoid, tanh, softplus, relu, exp, log

    /// f(x). `sigmoid` and `softplus` use the stable forms of ``StableMath``; `tanh` is the
    /// engine's vector kernel on one lane (≤ 2 ULP from glibc's), the code the MLP's hidden layer
    /// runs on whole buffers, so both give the same numbers.
    public func value(_ x: Double) -> Double {
        switch self {
        case .sigmoid: return StableMath.sigmoid(x)
        case .tanh: return VectorMath.tanh(Lanes(repeating: x))[0]
        case .softplus: return StableMath.softplus(x)
        case .relu: return Swift.max(x, 0)
        case .exp: return Foundation.exp(x)
        case .log: return Foundation.log(x)
        }
    }

    /// f′(x). relu′(0) is taken as 0.
    public func derivative(_ x: Double) -> Double {
        switch self {
        case .sigmoid:
            let s = StableMath.sigmoid(x)
            return s * (1 - s)
        case .tanh:
            let t = VectorMath.tanh(Lanes(repeating: x))[0]
            return 1 - t * t
        case .softplus: return StableMath.sigmoid(x)
        case .relu: return x > 0 ? 1 : 0
        case .exp: return Foundation.exp(x)
        case .log: return 1 / x
        }
    }
}

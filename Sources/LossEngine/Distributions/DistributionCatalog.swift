/// Builds the univariate distributions by name, for the CLI and the course's figures.
///
/// Names and parameters: normal(loc, scale), laplace(loc, scale), student_t(df, loc, scale),
/// exponential(rate), gamma(concentration, rate), beta(alpha, beta),
/// von_mises(loc, concentration), poisson(rate), bernoulli(probs). Unknown names, unknown
/// parameters and missing parameters throw ``LossError``.
public enum DistributionCatalog {
    /// Parameter names (in order) and defaults (nil = required) of each distribution.
    public static let parameterSpecs: [(name: String, params: [(String, Double?)])] = [
        ("normal", [("loc", 0), ("scale", 1)]),
        ("laplace", [("loc", 0), ("scale", 1)]),
        ("student_t", [("df", nil), ("loc", 0), ("scale", 1)]),
        ("exponential", [("rate", 1)]),
        ("gamma", [("concentration", nil), ("rate", 1)]),
        ("beta", [("alpha", nil), ("beta", nil)]),
        ("von_mises", [("loc", 0), ("concentration", nil)]),
        ("poisson", [("rate", nil)]),
        ("bernoulli", [("probs", nil)]),
    ]

    public static var names: [String] { parameterSpecs.map(\.name) }

    public static func make(_ name: String, params: [String: Double]) throws -> any UnivariateDistribution {
        guard let spec = parameterSpecs.first(where: { $0.name == name }) else {
            throw LossError.unknownDistribution(name)
        }
        for key in params.keys.sorted() where !spec.params.contains(where: { $0.0 == key }) {
            throw LossError.invalidArgument(argument: key, reason: "distribution '\(name)' has no parameter of this name")
        }
        var p: [String: Double] = [:]
        for (key, def) in spec.params {
            if let v = params[key] {
                p[key] = v
            } else if let d = def {
                p[key] = d
            } else {
                throw LossError.invalidArgument(argument: key, reason: "missing (required by distribution '\(name)')")
            }
        }
        func v(_ k: String) -> Double { p[k] ?? 0 }
        switch name {
        case "normal": return try Normal(loc: v("loc"), scale: v("scale"))
        case "laplace": return try Laplace(loc: v("loc"), scale: v("scale"))
        case "student_t": return try StudentT(df: v("df"), loc: v("loc"), scale: v("scale"))
        case "exponential": return try Exponential(rate: v("rate"))
        case "gamma": return try Gamma(concentration: v("concentration"), rate: v("rate"))
        case "beta": return try Beta(alpha: v("alpha"), beta: v("beta"))
        case "von_mises": return try VonMises(loc: v("loc"), concentration: v("concentration"))
        case "poisson": return try Poisson(rate: v("rate"))
        case "bernoulli": return try Bernoulli(probs: v("probs"))
        default: throw LossError.unknownDistribution(name)
        }
    }
}

import Foundation

/// `priors-map`: maximum likelihood against MAP estimation with a Gaussian prior (weight decay,
/// an L2 penalty) and a Laplace prior (an L1 penalty) on the weights of a linear model.
///
/// Data: N = 30 training points with 20 features x ~ N(0, I); only three weights are not zero
/// (w₁ = 2, w₄ = −1.5, w₈ = 1), bias 0.3, noise N(0, 0.5²); 2000 held-out points from the same
/// distribution. Each fit minimises the negative log posterior multiplied by 2σ²/N, which keeps
/// its minimiser: the mean squared error plus ω₂‖w‖² with ω₂ = σ²/(N σ_φ²) for a Gaussian prior
/// N(0, σ_φ²) on each weight, or plus ω₁‖w‖₁ with ω₁ = 2σ²/(N b_φ) for a Laplace prior with
/// scale b_φ (nothing added for maximum likelihood); the bias has a flat prior. Full-batch proximal gradient descent (step 1/L, L the largest curvature of the smooth
/// part, found by power iteration; the L1 term by soft thresholding), 4000 steps from zero. The
/// data term's gradient comes from the engine's `mse`.
///
/// Fields:
/// - `ml.*`, `gauss.*`, `laplace.*`, each with `test_mse` (held-out mean squared error), `zeros`
///   (weights exactly 0, of 20), `irrelevant_zeros` (of the 17 weights that are 0 in truth),
///   `norm` (Euclidean norm of the weights), `penalty` (ω of the fit: 0, ω₂, ω₁).
/// - `prior.sigma_phi`, `prior.b_phi`, `noise.sigma`, `data.n`, `data.features`, `data.relevant`.
enum PriorsMAP {
    static let name = "priors-map"
    static let description = "Maximum likelihood against MAP with a Gaussian prior (weight decay) and a Laplace prior (L1) on a sparse linear model."

    static let count = 30
    static let heldOut = 2000
    static let features = 20
    static let noise = 0.5
    static let bias = 0.3
    static let trueWeights: [Int: Double] = [0: 2, 3: -1.5, 7: 1]
    /// Prior scales: a Gaussian N(0, σ_φ²) and a Laplace with scale b_φ on each weight.
    static let sigmaPhi = 0.5
    static let bPhi = 0.15
    static let steps = 4000

    /// The prior on the weights of one fit.
    enum Prior: Equatable {
        case flat
        case gaussian(lambda: Double)
        case laplace(lambda: Double)
    }

    static var gaussianLambda: Double { noise * noise / (Double(count) * sigmaPhi * sigmaPhi) }
    static var laplaceLambda: Double { 2 * noise * noise / (Double(count) * bPhi) }

    static var truth: [Double] {
        (0..<features).map { trueWeights[$0] ?? 0 }
    }

    /// `rows` inputs (row-major, rows × features) and their targets.
    static func sample(_ g: inout SeededGenerator, rows: Int) -> (x: [Double], y: [Double]) {
        let w = truth
        var x: [Double] = [], y: [Double] = []
        x.reserveCapacity(rows * features)
        for _ in 0..<rows {
            var dot = bias
            for j in 0..<features {
                let v = g.nextNormal()
                x.append(v)
                dot += w[j] * v
            }
            y.append(dot + noise * g.nextNormal())
        }
        return (x, y)
    }

    /// Training set, then held-out set, from one generator.
    static func data(seed: UInt64) -> (train: (x: [Double], y: [Double]), test: (x: [Double], y: [Double])) {
        var g = SeededGenerator(seed: seed)
        let train = sample(&g, rows: count)
        let test = sample(&g, rows: heldOut)
        return (train, test)
    }

    /// The largest curvature of the mean squared error in (w, b): 2 λ_max of the Gram matrix of
    /// [x, 1] / N, by power iteration from a fixed start.
    static func curvature(x: [Double], rows: Int) -> Double {
        let width = features + 1
        var gram = [Double](repeating: 0, count: width * width)
        for i in 0..<rows {
            for a in 0..<width {
                let xa = a < features ? x[i * features + a] : 1
                for b in 0..<width {
                    let xb = b < features ? x[i * features + b] : 1
                    gram[a * width + b] += xa * xb / Double(rows)
                }
            }
        }
        var v = [Double](repeating: 1, count: width)
        var eigen = 0.0
        for _ in 0..<200 {
            var next = [Double](repeating: 0, count: width)
            for a in 0..<width { for b in 0..<width { next[a] += gram[a * width + b] * v[b] } }
            eigen = Stats.norm(next)
            guard eigen > 0 else { return 2 }
            v = next.map { $0 / eigen }
        }
        return 2 * eigen
    }

    /// The gradient of the mean squared error in the model's parameters (weights, then bias).
    static func dataGradient(_ model: LinearRegression, x: Tensor, y: [Double]) throws -> (value: Double, gradient: [Double]) {
        let out = model.forward(x)
        let loss = try Losses.mse(input: out.data, target: y)
        return (loss.value, model.parameterGradient(x, outputGradient: Tensor(unchecked: out.shape, loss.gradient("input"))))
    }

    /// Fits the linear model under `prior` by proximal gradient descent.
    static func fit(x: [Double], y: [Double], prior: Prior) throws -> LinearRegression {
        var model = LinearRegression(features: features)
        let inputs = Tensor(unchecked: [y.count, features], x)
        var lipschitz = curvature(x: x, rows: y.count)
        if case .gaussian(let lambda) = prior { lipschitz += 2 * lambda }
        let step = 1 / lipschitz
        for _ in 0..<steps {
            var (_, gradient) = try dataGradient(model, x: inputs, y: y)
            if case .gaussian(let lambda) = prior {
                for j in 0..<features { gradient[j] += 2 * lambda * model.parameters[j] }
            }
            var p = model.parameters
            for k in p.indices { p[k] -= step * gradient[k] }
            if case .laplace(let lambda) = prior {
                let t = step * lambda
                for j in 0..<features { p[j] = p[j] > t ? p[j] - t : (p[j] < -t ? p[j] + t : 0) }
            }
            model.parameters = p
        }
        return model
    }

    static func run(seed: UInt64) throws -> ExperimentResult {
        let (train, test) = data(seed: seed)
        let testInputs = Tensor(unchecked: [test.y.count, features], test.x)
        let fits: [(key: String, label: String, prior: Prior, penalty: Double)] = [
            ("ml", "Maximum likelihood (flat prior)", .flat, 0),
            ("gauss", "MAP, Gaussian prior (L2, weight decay)", .gaussian(lambda: gaussianLambda), gaussianLambda),
            ("laplace", "MAP, Laplace prior (L1)", .laplace(lambda: laplaceLambda), laplaceLambda),
        ]
        var fields: [String: Double] = [
            "prior.sigma_phi": sigmaPhi, "prior.b_phi": bPhi, "noise.sigma": noise,
            "data.n": Double(count), "data.features": Double(features), "data.relevant": Double(trueWeights.count),
        ]
        var rows: [[ExperimentCell]] = []
        // Each estimate's points are nudged sideways around the feature number so that they do not hide
        // one another.
        let indices = (1...features).map(Double.init)
        func shifted(_ offset: Double) -> [Double] { indices.map { $0 + offset } }
        var series: [ExperimentSeries] = [.scatter("True weights", x: shifted(-0.24), y: truth)]
        for (position, entry) in fits.enumerated() {
            let model = try fit(x: train.x, y: train.y, prior: entry.prior)
            let testError = try Losses.mse(input: model.forward(testInputs).data, target: test.y).value
            let weights = model.weights
            let zeros = weights.filter { $0 == 0 }.count
            let irrelevantZeros = weights.indices.filter { trueWeights[$0] == nil && weights[$0] == 0 }.count
            let norm = Stats.norm(weights)
            fields["\(entry.key).test_mse"] = testError
            fields["\(entry.key).zeros"] = Double(zeros)
            fields["\(entry.key).irrelevant_zeros"] = Double(irrelevantZeros)
            fields["\(entry.key).norm"] = norm
            fields["\(entry.key).penalty"] = entry.penalty
            rows.append([.text(entry.label), .number(entry.penalty), .number(Double(zeros)), .number(norm), .number(testError)])
            series.append(.scatter(entry.label, x: shifted(-0.08 + 0.16 * Double(position)), y: weights))
        }
        return ExperimentResult(
            name: name,
            title: "Maximum likelihood and MAP with Gaussian and Laplace priors on 20 weights, 3 of them relevant",
            summary: "30 training points, 20 standard-normal features, true weights 2, −1.5 and 1 on features 1, 4 and 8 "
                + "and 0 elsewhere, noise σ = 0.5; the mean squared error alone, plus ω₂‖w‖² (Gaussian prior, σ_φ = 0.5), "
                + "or plus ω₁‖w‖₁ (Laplace prior, b_φ = 0.15), minimised by proximal gradient descent (4000 steps); "
                + "held-out error on 2000 new points.",
            table: ExperimentTable(columns: ["Estimate", "Penalty ω", "Weights exactly 0 (of 20)", "Norm ‖w‖₂", "Held-out MSE"],
                                   rows: rows),
            figure: ExperimentFigure(panels: [
                ExperimentPanel(xLabel: "feature j", yLabel: "weight w_j", series: series),
            ]),
            fields: fields)
    }
}

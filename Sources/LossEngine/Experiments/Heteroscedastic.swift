import Foundation

/// `heteroscedastic`: noise that grows with x, fitted by a model with σ(x), by one with a single
/// σ, and by a model that games the NLL with a frozen mean and an inflated σ.
///
/// Data: x ~ U(0, 4), y = 1 + 0.8x + (0.1 + 0.5x)·N(0, 1); 150 training and 1000 test points.
/// Every model has two linear heads on x (``LinearHeads``): a mean μ(x) and a raw scale r(x) with
/// σ = softplus(r); each is trained on the mean `gaussian_nll` (full) with Adam (learning rate
/// 0.05, 400 steps) from μ = 0, σ = 1:
/// - `heteroscedastic`: both heads learned;
/// - `homoscedastic`: the scale head's weight is held at 0 (one σ for all x);
/// - `frozen_mean`: the gaming case; the mean is frozen at the training mean of y (a constant)
///   and only σ(x) is learned, so σ grows to excuse the mean's errors.
/// Coverage is the fraction of test points with |y − μ| ≤ 2σ, in the low-noise region x < 1 and
/// the high-noise region x > 3 (≈ 95 % if σ is right).
///
/// Fields, for each model `heteroscedastic`, `homoscedastic`, `frozen_mean`:
/// - `<model>.nll`, `<model>.mse`: test mean NLL and squared error of μ.
/// - `<model>.coverage_low`, `<model>.coverage_high`: ±2σ coverage for x < 1 and x > 3.
/// - `<model>.sigma_low`, `<model>.sigma_high`, `<model>.sigma_mean`: mean predicted σ over
///   the test points in each region and overall.
/// Also `true.sigma_low`, `true.sigma_high`, `true.sigma_mean` (the data's own σ(x) averaged the
/// same way) and `data.n_train` (150), `data.n_test` (1000).
enum Heteroscedastic {
    static let name = "heteroscedastic"
    static let description = "Noise growing with x: a learned σ(x) vs a single σ, and a frozen mean that inflates σ to excuse itself."

    static let nTrain = 150
    static let nTest = 1000
    static let steps = 400
    static let lowRegion = 1.0
    static let highRegion = 3.0

    static func trueSigma(_ x: Double) -> Double { 0.1 + 0.5 * x }

    static func sample(_ n: Int, _ g: inout SeededGenerator) -> (x: [Double], y: [Double]) {
        let x = (0..<n).map { _ in Stats.uniform(&g, 0, 4) }
        let y = x.map { 1 + 0.8 * $0 + trueSigma($0) * g.nextNormal() }
        return (x, y)
    }

    enum Variant: CaseIterable {
        case heteroscedastic, homoscedastic, frozenMean

        var key: String {
            switch self {
            case .heteroscedastic: return "heteroscedastic"
            case .homoscedastic: return "homoscedastic"
            case .frozenMean: return "frozen_mean"
            }
        }

        var label: String {
            switch self {
            case .heteroscedastic: return "Learned σ(x)"
            case .homoscedastic: return "Single σ"
            case .frozenMean: return "Frozen mean, learned σ(x)"
            }
        }
    }

    /// Means and σ of a two-head model on `x`.
    static func predict(_ model: LinearHeads, _ x: [Double]) -> (mean: [Double], sigma: [Double]) {
        let out = model.forward(Stats.column(x))
        return (Stats.column(out, 0), Stats.column(out, 1).map(StableMath.softplus))
    }

    /// Mean NLL of (mean, σ) on y, with d/d mean and d/d raw scale (σ = softplus(raw)).
    static func nll(_ out: Tensor, _ y: [Double]) throws -> (value: Double, outputGradient: [Double]) {
        let mean = Stats.column(out, 0), raw = Stats.column(out, 1)
        let sigma = raw.map(StableMath.softplus)
        let r = try Losses.gaussianNLL(input: mean, target: y, variance: sigma.map { $0 * $0 }, full: true)
        let dMean = r.gradient("input"), dVar = r.gradient("var")
        var grad = [Double](repeating: 0, count: out.count)
        for i in 0..<y.count {
            grad[2 * i] = dMean[i]
            grad[2 * i + 1] = dVar[i] * 2 * sigma[i] * StableMath.sigmoid(raw[i])
        }
        return (r.value, grad)
    }

    static func train(_ variant: Variant, x: [Double], y: [Double]) throws -> LinearHeads {
        let startMean = variant == .frozenMean ? Stats.mean(y) : 0
        var model = LinearHeads(features: 1, bias: [startMean, Foundation.log(Foundation.exp(1) - 1)])
        let features = Stats.column(x)
        // Parameter layout [w_mean, w_scale, b_mean, b_scale]; held parameters get no update.
        let held: [Int]
        switch variant {
        case .heteroscedastic: held = []
        case .homoscedastic: held = [1]
        case .frozenMean: held = [0, 2]
        }
        var p = model.parameters
        _ = try Descent.minimize(&p, optimizer: Adam(learningRate: 0.05), steps: steps) { q in
            var m = model
            m.parameters = q
            let out = m.forward(features)
            let (value, dOut) = try nll(out, y)
            var grad = m.parameterGradient(features, outputGradient: Tensor(unchecked: out.shape, dOut))
            for i in held { grad[i] = 0 }
            return (value, grad)
        }
        model.parameters = p
        return model
    }

    static func run(seed: UInt64) throws -> ExperimentResult {
        var g = SeededGenerator(seed: seed)
        let train = sample(nTrain, &g)
        let test = sample(nTest, &g)
        let low = test.x.indices.filter { test.x[$0] < lowRegion }
        let high = test.x.indices.filter { test.x[$0] > highRegion }
        func average(_ v: [Double], _ idx: [Int]) -> Double { Stats.mean(idx.map { v[$0] }) }

        let trueSigmas = test.x.map(trueSigma)
        var fields: [String: Double] = [
            "true.sigma_low": average(trueSigmas, low), "true.sigma_high": average(trueSigmas, high),
            "true.sigma_mean": Stats.mean(trueSigmas), "data.n_train": Double(nTrain), "data.n_test": Double(nTest),
        ]
        var rows: [[ExperimentCell]] = []
        var panels: [ExperimentPanel] = []
        let grid = Stats.linspace(0, 4, 41)
        for variant in Variant.allCases {
            let model = try Heteroscedastic.train(variant, x: train.x, y: train.y)
            let (mean, sigma) = predict(model, test.x)
            let testNLL = try Losses.gaussianNLL(input: mean, target: test.y, variance: sigma.map { $0 * $0 }, full: true).value
            let mse = try Losses.mse(input: mean, target: test.y).value
            func coverage(_ idx: [Int]) -> Double {
                Double(idx.filter { Swift.abs(test.y[$0] - mean[$0]) <= 2 * sigma[$0] }.count) / Double(Swift.max(idx.count, 1))
            }
            let k = variant.key
            let values: [(String, Double)] = [
                ("nll", testNLL), ("mse", mse), ("coverage_low", coverage(low)), ("coverage_high", coverage(high)),
                ("sigma_low", average(sigma, low)), ("sigma_high", average(sigma, high)), ("sigma_mean", Stats.mean(sigma)),
            ]
            for (name, v) in values { fields["\(k).\(name)"] = v }
            rows.append([.text(variant.label)] + values.map { .number($0.1) })

            let (gm, gs) = predict(model, grid)
            panels.append(ExperimentPanel(title: variant.label, xLabel: "x", yLabel: "y", series: [
                .scatter("Training data", x: train.x, y: train.y),
                .line("μ(x)", x: grid, y: gm),
                .line("μ + 2σ", x: grid, y: zip(gm, gs).map { $0 + 2 * $1 }),
                .line("μ − 2σ", x: grid, y: zip(gm, gs).map { $0 - 2 * $1 }),
            ], verticalRules: [lowRegion, highRegion]))
        }
        return ExperimentResult(
            name: name,
            title: "Heteroscedastic noise: learned σ(x), a single σ, and a frozen mean",
            summary: "\(nTrain) training points with y = 1 + 0.8x and noise σ(x) = 0.1 + 0.5x on [0, 4]; linear heads for μ and "
                + "softplus σ trained on the Gaussian NLL with Adam (learning rate 0.05, \(steps) steps); metrics on \(nTest) test "
                + "points, seed \(seed).",
            table: ExperimentTable(
                columns: ["Model", "Test NLL", "Test MSE", "±2σ coverage, x < 1", "±2σ coverage, x > 3",
                          "Mean σ, x < 1", "Mean σ, x > 3", "Mean σ"],
                rows: rows),
            figure: ExperimentFigure(panels: panels),
            fields: fields)
    }
}

import Foundation

/// `heteroscedastic`: noise that grows with x, and a region where the mean is hard to fit.
/// A network that learns σ(x) jointly with the mean can lower its NLL by inflating σ in the hard
/// region instead of fitting the mean there; fitting the mean first and σ(x) afterwards cannot.
///
/// Data: x ~ U(0, 4), y = m(x) + σ(x)·N(0, 1) with the true mean m(x) = 1 + 0.8x plus, on the
/// hard region 2.5 < x < 3.5, a wiggle 1.5·sin(4π(x − 2.5)) (two periods), and the true noise
/// σ(x) = 0.1 + 0.15x; 300 training and 2000 test points.
/// Every model is the same network: one hidden layer of 50 tanh units on the rescaled input
/// (x − 2)/2, two outputs, a mean μ(x) and a raw scale r(x) with σ = softplus(r). Each is trained
/// on the mean `gaussian_nll` (full) with Adam (learning rate 0.01) for 4000 steps from σ = 1:
/// - `single`: the scale output's weights are held at 0 (one σ for all x); for the mean this is
///   least squares, since a common σ only rescales the loss;
/// - `joint`: mean and σ(x) learned together;
/// - `mean_first`: the `single` network (mean fitted by least squares), then only the scale
///   output (its weights and bias) trained for 2000 more steps, with the mean and the hidden layer frozen.
///
/// Fields, for each model `single`, `joint`, `mean_first`:
/// - `<model>.nll`, `<model>.mse`: mean NLL and squared error of μ on the test points;
/// - `<model>.mean_error_hard`, `<model>.mean_error_easy`: mean of (μ(x) − m(x))² against the
///   true mean, over the test points inside and outside the hard region;
/// - `<model>.sigma_hard`, `<model>.sigma_easy`: mean predicted σ over the same points;
/// - `<model>.coverage_hard`, `<model>.coverage_easy`: fraction of test points with
///   |y − μ| ≤ 2σ (≈ 0.954 if μ and σ are right).
/// Also `true.sigma_hard`, `true.sigma_easy` (the true σ(x) averaged the same way), `true.nll`
/// (the test NLL of the true mean and σ(x)),
/// `data.hard_lo` (2.5), `data.hard_hi` (3.5), `data.n_train` (300), `data.n_test` (2000).
enum Heteroscedastic {
    static let name = "heteroscedastic"
    static let description = "Noise growing with x and a region where the mean is hard to fit: σ(x) learned jointly with the mean inflates there; fitting the mean first does not."

    static let nTrain = 300
    static let nTest = 2000
    static let hidden = 50
    static let steps = 4000
    static let learningRate = 0.01
    static let hardRegion = (lo: 2.5, hi: 3.5)

    static func trueSigma(_ x: Double) -> Double { 0.1 + 0.15 * x }

    static func trueMean(_ x: Double) -> Double {
        let wiggle = x > hardRegion.lo && x < hardRegion.hi ? 1.5 * Foundation.sin(4 * Double.pi * (x - hardRegion.lo)) : 0
        return 1 + 0.8 * x + wiggle
    }

    static func isHard(_ x: Double) -> Bool { x > hardRegion.lo && x < hardRegion.hi }

    static func sample(_ n: Int, _ g: inout SeededGenerator) -> (x: [Double], y: [Double]) {
        let x = (0..<n).map { _ in Stats.uniform(&g, 0, 4) }
        let y = x.map { trueMean($0) + trueSigma($0) * g.nextNormal() }
        return (x, y)
    }

    enum Variant: CaseIterable {
        case single, joint, meanFirst

        var key: String {
            switch self {
            case .single: return "single"
            case .joint: return "joint"
            case .meanFirst: return "mean_first"
            }
        }

        var label: String {
            switch self {
            case .single: return "Single σ (least squares)"
            case .joint: return "σ(x) learned with the mean"
            case .meanFirst: return "Mean first, then σ(x)"
            }
        }
    }

    /// The network's inputs: x rescaled to [−1, 1].
    static func features(_ x: [Double]) -> Tensor { Stats.column(x.map { ($0 - 2) / 2 }) }

    /// A network with hidden weights and biases N(0, 1), mean-output weights N(0, 1/hidden), scale-output weights 0, and output
    /// biases μ = 0, σ = softplus(r) = 1. Hidden biases are random so the tanh units are spread over the inputs.
    static func initialNetwork(seed: UInt64) -> MLP {
        var model = MLP(features: 1, hidden: hidden, outputs: 2, activation: .tanh, seed: seed)
        var g = SeededGenerator(seed: seed &+ 1)
        let w1 = (0..<hidden).map { _ in g.nextNormal() }
        let b1 = (0..<hidden).map { _ in g.nextNormal() }
        // Mean weights random; scale weights zero, so every model starts from σ = 1 everywhere
        // and the single-σ model (whose scale weights are held) keeps one σ for all x.
        let w2 = (0..<(2 * hidden)).map { $0 % 2 == 0 ? g.nextNormal() / Double(hidden).squareRoot() : 0 }
        model.parameters = w1 + b1 + w2 + [0, Foundation.log(Foundation.exp(1) - 1)]
        return model
    }

    /// Indices of the scale output's weights and bias in the parameter vector.
    static var scaleOutput: [Int] {
        let base = 2 * hidden
        return (0..<hidden).map { base + 2 * $0 + 1 } + [base + 2 * hidden + 1]
    }

    /// Means and σ of the network on `x`.
    static func predict(_ model: MLP, _ x: [Double]) -> (mean: [Double], sigma: [Double]) {
        let out = model.forward(features(x))
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

    /// Trains `model` for `steps` steps; only the parameters in `trained` move (all when nil).
    /// One workspace serves every step, and each step computes the hidden layer's tanh once.
    static func train(_ model: MLP, x: [Double], y: [Double], steps: Int, trained: Set<Int>?, holding held: Set<Int> = []) throws -> MLP {
        let input = features(x)
        let frozen = model.parameters.indices.map { held.contains($0) || !(trained?.contains($0) ?? true) }
        var p = model.parameters
        var current = model
        var workspace = MLPWorkspace()
        // The second stage of `mean_first` trains only the scale output: its hidden layer's
        // gradient would be zeroed below, so it is not computed (same numbers, less work).
        let hiddenTrained = frozen.prefix(model.hiddenLayer.parameterCount).contains(false)
        _ = try Descent.minimize(&p, optimizer: Adam(learningRate: learningRate), steps: steps) { q in
            current.parameters = q
            var (value, grad) = try current.valueAndGradient(input, workspace: &workspace, hiddenLayer: hiddenTrained) { out in try nll(out, y) }
            for i in grad.indices where frozen[i] { grad[i] = 0 }
            return (value, grad)
        }
        var result = model
        result.parameters = p
        return result
    }

    static func run(seed: UInt64) throws -> ExperimentResult {
        var g = SeededGenerator(seed: seed)
        let train = sample(nTrain, &g)
        let test = sample(nTest, &g)
        let hard = test.x.indices.filter { isHard(test.x[$0]) }
        let easy = test.x.indices.filter { !isHard(test.x[$0]) }
        func average(_ v: [Double], _ idx: [Int]) -> Double { Stats.mean(idx.map { v[$0] }) }

        let trueSigmas = test.x.map(trueSigma)
        var fields: [String: Double] = [
            "true.sigma_hard": average(trueSigmas, hard), "true.sigma_easy": average(trueSigmas, easy),
            "data.hard_lo": hardRegion.lo, "data.hard_hi": hardRegion.hi,
            "data.n_train": Double(nTrain), "data.n_test": Double(nTest),
        ]
        let start = initialNetwork(seed: seed &+ 100)
        let scaleWeights = Set(scaleOutput.dropLast())
        // The joint model does not depend on the other two: it trains on a second core meanwhile.
        let ((single, meanFirst), joint) = try Parallel.both({
            let single = try Heteroscedastic.train(start, x: train.x, y: train.y, steps: steps, trained: nil, holding: scaleWeights)
            return (single, try Heteroscedastic.train(single, x: train.x, y: train.y, steps: steps / 2, trained: Set(scaleOutput)))
        }, {
            try Heteroscedastic.train(start, x: train.x, y: train.y, steps: steps, trained: nil)
        })
        let models: [(Variant, MLP)] = [(.single, single), (.joint, joint), (.meanFirst, meanFirst)]
        var rows: [[ExperimentCell]] = []
        var panels: [ExperimentPanel] = []
        let grid = Stats.linspace(0, 4, 161)
        for (variant, model) in models {
            let (mean, sigma) = predict(model, test.x)
            let testNLL = try Losses.gaussianNLL(input: mean, target: test.y, variance: sigma.map { $0 * $0 }, full: true).value
            let mse = try Losses.mse(input: mean, target: test.y).value
            let meanError = zip(mean, test.x).map { ($0 - trueMean($1)) * ($0 - trueMean($1)) }
            func coverage(_ idx: [Int]) -> Double {
                Double(idx.filter { Swift.abs(test.y[$0] - mean[$0]) <= 2 * sigma[$0] }.count) / Double(Swift.max(idx.count, 1))
            }
            let k = variant.key
            let values: [(String, Double)] = [
                ("nll", testNLL), ("mean_error_hard", average(meanError, hard)), ("mean_error_easy", average(meanError, easy)),
                ("sigma_hard", average(sigma, hard)), ("sigma_easy", average(sigma, easy)),
                ("coverage_hard", coverage(hard)), ("coverage_easy", coverage(easy)),
            ]
            for (name, v) in values { fields["\(k).\(name)"] = v }
            fields["\(k).mse"] = mse
            rows.append([.text(variant.label)] + values.map { .number($0.1) })

            let (gm, gs) = predict(model, grid)
            panels.append(ExperimentPanel(title: variant.label, xLabel: "x", yLabel: "y", series: [
                .scatter("Training data", x: train.x, y: train.y),
                .line("True mean", x: grid, y: grid.map(trueMean)),
                .line("μ(x)", x: grid, y: gm),
                .line("μ + 2σ", x: grid, y: zip(gm, gs).map { $0 + 2 * $1 }),
                .line("μ − 2σ", x: grid, y: zip(gm, gs).map { $0 - 2 * $1 }),
            ], verticalRules: [hardRegion.lo, hardRegion.hi]))
        }
        let trueNLL = try Losses.gaussianNLL(input: test.x.map(trueMean), target: test.y, variance: trueSigmas.map { $0 * $0 }, full: true).value
        fields["true.nll"] = trueNLL
        rows.append([.text("True mean and σ(x)"), .number(trueNLL), .number(0), .number(0),
                     .number(fields["true.sigma_hard"]!), .number(fields["true.sigma_easy"]!), .number(0.9545), .number(0.9545)])
        return ExperimentResult(
            name: name,
            title: "A hard region: σ(x) learned with the mean, a single σ, and the mean first",
            summary: "\(nTrain) training points: a line with a two-period wiggle on \(hardRegion.lo) < x < \(hardRegion.hi) (the region between "
                + "the rules), noise σ(x) = 0.1 + 0.15x; a one-hidden-layer network (\(hidden) tanh units) predicting μ(x) and σ(x), trained on the "
                + "Gaussian NLL with Adam (learning rate \(learningRate), \(steps) steps); metrics on \(nTest) held-out points.",
            table: ExperimentTable(
                columns: ["Model", "Test NLL", "Mean error², hard region", "Mean error², elsewhere",
                          "Mean σ, hard region", "Mean σ, elsewhere", "±2σ coverage, hard region", "±2σ coverage, elsewhere"],
                rows: rows),
            figure: ExperimentFigure(panels: panels),
            fields: fields)
    }
}

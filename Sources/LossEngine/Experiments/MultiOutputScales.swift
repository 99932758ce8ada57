import Foundation

/// `multi-output-scales`: two outputs on very different scales (kilograms and metres) from shared
/// inputs, trained with plain summed MSE and with a Gaussian NLL that learns one σ per output.
///
/// Data: x ~ N(0, I₂); weight = 70 + 9x₁ + 3x₂ + N(0, 2²) kg (≈ 70 ± 10), height = 1.7 + 0.02x₁ +
/// 0.09x₂ + N(0, 0.02²) m (≈ 1.7 ± 0.1); 100 training and 500 test points. The two outputs depend
/// on different directions of x and share the hidden layer of an ``MLP`` (3 tanh units, enough
/// for both), output biases started at the training means.
/// - MSE: `mse` over both outputs. A 1 kg error costs as much as a 1 m error: the height's share
///   of the gradient is ~10⁴ times smaller, the shared layer serves the kilograms, and the height
///   is left mostly unexplained.
/// - NLL: `gaussian_nll` (full) with a learned log σ per output; each output's squared error is
///   divided by its own σ², i.e. measured in its own units, so both are fitted to their noise.
/// Both with Adam (learning rate 0.1, 500 steps) from the same initial weights.
///
/// The relative error of an output is its test RMSE divided by the standard deviation of that
/// output (1 = no better than predicting the mean; the noise alone gives 2/9.7 ≈ 0.2 for kg and
/// 0.02/0.094 ≈ 0.2 for m).
///
/// Fields, for `mse` and `nll`:
/// - `<run>.rel_error_kg`, `<run>.rel_error_m`: test RMSE / test std, per output.
/// - `<run>.rmse_kg`, `<run>.rmse_m`: test RMSE in kg and m.
/// Also `nll.sigma_kg`, `nll.sigma_m` (the learned σs), `data.std_kg`, `data.std_m` (test std of
/// each output), `true.noise_kg` (2), `true.noise_m` (0.02).
enum MultiOutputScales {
    static let name = "multi-output-scales"
    static let description = "Kilograms and metres from a shared layer: summed MSE serves the kilograms; a learned σ per output fits both."

    static let nTrain = 100
    static let nTest = 500
    static let steps = 500

    static func sample(_ n: Int, _ g: inout SeededGenerator) -> (x: Tensor, y: [Double]) {
        var x: [Double] = [], y: [Double] = []
        for _ in 0..<n {
            let a = g.nextNormal(), b = g.nextNormal()
            x += [a, b]
            y += [70 + 9 * a + 3 * b + 2 * g.nextNormal(), 1.7 + 0.02 * a + 0.09 * b + 0.02 * g.nextNormal()]
        }
        return (Tensor(unchecked: [n, 2], x), y)
    }

    /// RMSE per output of N×2 predictions against N×2 targets.
    static func rmse(_ prediction: [Double], _ y: [Double]) -> [Double] {
        var s = [0.0, 0.0]
        for i in prediction.indices { s[i % 2] += (prediction[i] - y[i]) * (prediction[i] - y[i]) }
        return s.map { ($0 / Double(prediction.count / 2)).squareRoot() }
    }

    struct Run {
        var model: MLP
        var sigma: [Double]
        /// Training relative error per step, per output.
        var relError: [[Double]]
    }

    static func train(_ start: MLP, x: Tensor, y: [Double], learnSigma: Bool) throws -> Run {
        let trainStd = [Stats.std(Stats.column(Tensor(unchecked: [nTrain, 2], y), 0)),
                        Stats.std(Stats.column(Tensor(unchecked: [nTrain, 2], y), 1))]
        let count = start.parameters.count
        // Parameters: the network's, then log σ per output (unused by the MSE run).
        var p = start.parameters + [0, 0]
        var relError: [[Double]] = [[], []]
        _ = try Descent.minimize(&p, optimizer: Adam(learningRate: 0.1), steps: steps) { q in
            var m = start
            m.parameters = Array(q.prefix(count))
            let out = m.forward(x)
            let e = rmse(out.data, y)
            for k in 0..<2 { relError[k].append(e[k] / trainStd[k]) }
            let value: Double, dOut: [Double], dLogSigma: [Double]
            if learnSigma {
                let v = [Foundation.exp(2 * q[count]), Foundation.exp(2 * q[count + 1])]
                let r = try Losses.gaussianNLL(input: out.data, target: y, variance: out.data.indices.map { v[$0 % 2] }, full: true)
                let dv = Stats.columnSums(r.gradient("var"), width: 2)
                (value, dOut, dLogSigma) = (r.value, r.gradient("input"), [dv[0] * 2 * v[0], dv[1] * 2 * v[1]])
            } else {
                let r = try Losses.mse(input: out.data, target: y)
                (value, dOut, dLogSigma) = (r.value, r.gradient("input"), [0, 0])
            }
            return (value, m.parameterGradient(x, outputGradient: Tensor(unchecked: out.shape, dOut)) + dLogSigma)
        }
        var model = start
        model.parameters = Array(p.prefix(count))
        return Run(model: model, sigma: [Foundation.exp(p[count]), Foundation.exp(p[count + 1])], relError: relError)
    }

    static func run(seed: UInt64) throws -> ExperimentResult {
        var g = SeededGenerator(seed: seed)
        let train = sample(nTrain, &g)
        let test = sample(nTest, &g)
        var start = MLP(features: 2, hidden: 3, outputs: 2, activation: .tanh, seed: seed)
        // Output biases (the last two parameters) start at the training means.
        let trainY = Tensor(unchecked: [nTrain, 2], train.y)
        start.parameters[start.parameters.count - 2] = Stats.mean(Stats.column(trainY, 0))
        start.parameters[start.parameters.count - 1] = Stats.mean(Stats.column(trainY, 1))

        let testY = Tensor(unchecked: [nTest, 2], test.y)
        let testStd = [Stats.std(Stats.column(testY, 0)), Stats.std(Stats.column(testY, 1))]
        var fields: [String: Double] = [
            "data.std_kg": testStd[0], "data.std_m": testStd[1], "true.noise_kg": 2, "true.noise_m": 0.02,
        ]
        var rows: [[ExperimentCell]] = []
        var curves: [ExperimentSeries] = []
        var heights: [ExperimentSeries] = []
        let stepAxis = (0..<steps).map(Double.init)
        for (key, label, learn) in [("mse", "Summed MSE", false), ("nll", "Gaussian NLL, learned σ per output", true)] {
            let r = try MultiOutputScales.train(start, x: train.x, y: train.y, learnSigma: learn)
            let prediction = r.model.forward(test.x)
            let e = rmse(prediction.data, test.y)
            fields["\(key).rmse_kg"] = e[0]
            fields["\(key).rmse_m"] = e[1]
            fields["\(key).rel_error_kg"] = e[0] / testStd[0]
            fields["\(key).rel_error_m"] = e[1] / testStd[1]
            var row: [ExperimentCell] = [.text(label), .number(e[0] / testStd[0]), .number(e[1] / testStd[1]),
                                         .number(e[0]), .number(e[1])]
            if learn {
                fields["nll.sigma_kg"] = r.sigma[0]
                fields["nll.sigma_m"] = r.sigma[1]
                row += [.number(r.sigma[0]), .number(r.sigma[1])]
            } else {
                row += [.text("—"), .text("—")]
            }
            rows.append(row)
            curves.append(.line("\(key.uppercased()): kg", x: stepAxis, y: r.relError[0]))
            curves.append(.line("\(key.uppercased()): m", x: stepAxis, y: r.relError[1]))
            heights.append(.scatter(label, x: Stats.column(testY, 1), y: Stats.column(prediction, 1)))
        }
        let lo = Stats.column(testY, 1).min() ?? 1.4, hi = Stats.column(testY, 1).max() ?? 2
        heights.append(.line("Perfect prediction", x: [lo, hi], y: [lo, hi]))
        return ExperimentResult(
            name: name,
            title: "Two outputs on different scales: summed MSE against learned per-output σ",
            summary: "Weight (≈ 70 ± 10 kg) and height (≈ 1.7 ± 0.1 m) from two shared inputs, \(nTrain) training and \(nTest) "
                + "test points; a network with 3 shared tanh units trained on summed MSE and on a Gaussian NLL with a learned "
                + "σ per output, by Adam (learning rate 0.1, \(steps) steps).",
            table: ExperimentTable(
                columns: ["Loss", "Relative error, kg", "Relative error, m", "RMSE (kg)", "RMSE (m)", "Learned σ (kg)",
                          "Learned σ (m)"],
                rows: rows),
            figure: ExperimentFigure(panels: [
                ExperimentPanel(title: "Training relative error (RMSE / std)", xLabel: "step", yLabel: "relative error",
                                yLog: true, series: curves),
                ExperimentPanel(title: "Height on the test set", xLabel: "true height (m)", yLabel: "predicted height (m)",
                                series: heights),
            ]),
            fields: fields)
    }
}

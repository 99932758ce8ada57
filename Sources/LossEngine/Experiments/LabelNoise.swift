import Foundation

/// `label-noise`: logistic regression trained with BCE on clean labels and on the same inputs with
/// 20 % of the labels flipped.
///
/// Data: 1-D, two equally likely classes, x | y = 0 ~ N(−1, 1), x | y = 1 ~ N(1, 1) (true
/// log-odds 2x); 200 training points, and a clean test set of 2000. The noisy copy flips exactly
/// 40 of the 200 training labels, chosen at random. Each run trains ``LogisticRegression`` on
/// `bce_with_logits` with gradient descent (learning rate 1, 500 steps) from zero. Symmetric
/// flips barely move the decision boundary, so test accuracy hardly changes; but the maximum-
/// likelihood fit to labels that are wrong 20 % of the time is a flatter sigmoid: a smaller
/// weight and less confident predictions.
///
/// Fields, for `clean` and `noisy`:
/// - `<run>.accuracy`: accuracy on the clean test set.
/// - `<run>.confidence`: mean max(p, 1 − p) on the test set.
/// - `<run>.weight_norm`: |w| (the bias excluded); `<run>.bias`.
/// - `<run>.test_nll`: mean BCE on the clean test labels.
/// Also `bayes.accuracy` (the best possible accuracy on the test set, from the true log-odds 2x),
/// `true.weight` (2), `data.n_train` (200), `data.flipped` (40).
enum LabelNoise {
    static let name = "label-noise"
    static let description = "Logistic regression with BCE on clean vs 20 % flipped labels: same accuracy, flatter, less confident fit."

    static let nTrain = 200
    static let nTest = 2000
    static let flipped = 40
    static let steps = 500

    static func sample(_ n: Int, _ g: inout SeededGenerator) -> (x: [Double], y: [Double]) {
        var x: [Double] = [], y: [Double] = []
        for _ in 0..<n {
            let label = g.nextDouble() < 0.5 ? 1.0 : 0.0
            x.append((label == 1 ? 1 : -1) + g.nextNormal())
            y.append(label)
        }
        return (x, y)
    }

    static func train(x: [Double], y: [Double]) throws -> LogisticRegression {
        var model = LogisticRegression(features: 1)
        _ = try Descent.train(&model, x: Stats.column(x), optimizer: GradientDescent(learningRate: 1), steps: steps) { out in
            let r = try Losses.bceWithLogits(input: out.data, target: y)
            return (r.value, r.gradient("input"))
        }
        return model
    }

    static func run(seed: UInt64) throws -> ExperimentResult {
        var g = SeededGenerator(seed: seed)
        let train = sample(nTrain, &g)
        let test = sample(nTest, &g)
        var order = Array(0..<nTrain)
        for i in stride(from: nTrain - 1, to: 0, by: -1) { order.swapAt(i, g.nextInt(below: i + 1)) }
        var noisyY = train.y
        for i in order.prefix(flipped) { noisyY[i] = 1 - noisyY[i] }

        let testX = Stats.column(test.x)
        var fields: [String: Double] = [
            "true.weight": 2, "data.n_train": Double(nTrain), "data.flipped": Double(flipped),
            "bayes.accuracy": Stats.mean(zip(test.x, test.y).map { ($0 > 0) == ($1 == 1) ? 1 : 0 }),
        ]
        var rows: [[ExperimentCell]] = []
        var curves: [ExperimentSeries] = []
        let grid = Stats.linspace(-4, 4, 81)
        for (key, label, labels) in [("clean", "Clean labels", train.y), ("noisy", "20 % flipped", noisyY)] {
            let model = try LabelNoise.train(x: train.x, y: labels)
            let p = model.probabilities(testX)
            let accuracy = Stats.mean(zip(p, test.y).map { ($0 > 0.5) == ($1 == 1) ? 1 : 0 })
            let confidence = Stats.mean(p.map { Swift.max($0, 1 - $0) })
            let nll = try Losses.bceWithLogits(input: model.forward(testX).data, target: test.y).value
            let w = Swift.abs(model.parameters[0]), b = model.parameters[1]
            let values: [(String, Double)] = [
                ("accuracy", accuracy), ("confidence", confidence), ("weight_norm", w), ("bias", b), ("test_nll", nll),
            ]
            for (name, v) in values { fields["\(key).\(name)"] = v }
            rows.append([.text(label), .number(accuracy), .number(confidence), .number(w), .number(nll)])
            curves.append(.line(label, x: grid, y: model.probabilities(Stats.column(grid))))
        }
        curves.append(.line("True P(y = 1 | x)", x: grid, y: grid.map { StableMath.sigmoid(2 * $0) }))
        return ExperimentResult(
            name: name,
            title: "Logistic regression on clean and on 20 % flipped labels",
            summary: "\(nTrain) points from two unit-variance Gaussians at ±1; logistic regression trained on BCE (with logits) "
                + "by gradient descent (learning rate 1, \(steps) steps), once on clean labels and once with \(flipped) labels "
                + "flipped; metrics on \(nTest) clean test points.",
            table: ExperimentTable(columns: ["Training labels", "Test accuracy", "Mean confidence", "|w|", "Test NLL"], rows: rows),
            figure: ExperimentFigure(panels: [
                ExperimentPanel(xLabel: "x", yLabel: "predicted P(y = 1 | x)", series: curves, verticalRules: [0]),
            ]),
            fields: fields)
    }
}

import Foundation

/// `label-smoothing`: softmax regression trained with cross entropy with label smoothing 0 and
/// 0.1, compared on held-out data for confidence, accuracy, NLL and calibration.
///
/// Data: ``SyntheticData/classification(n:features:classes:separation:classWeights:labelNoise:seed:)``
/// with 3 classes in 20 dimensions (separation 0.5): 60 training points, 600 test points from
/// the same clusters. With 20 features and 60 points the training set is (nearly) separable, so
/// plain cross entropy drives the logits up and the model becomes confident far beyond its test
/// accuracy. Smoothing the targets to (1 − ε)·one-hot + ε/K makes the best logit gap finite
/// (log((1 − ε + ε/K)/(ε/K)) ≈ 3.3 for ε = 0.1, K = 3), which caps the confidence. Both runs train
/// ``SoftmaxRegression`` on `cross_entropy` (`label_smoothing` 0 or 0.1) with Adam (learning rate
/// 0.05, 300 steps) from zero; the test NLL is plain cross entropy (no smoothing).
///
/// Expected calibration error: the test points are put in 10 equal-width bins of confidence
/// (max probability) and ECE = Σ_b (n_b / N)·|accuracy_b − mean confidence_b|.
///
/// Fields, for `hard` (ε = 0) and `smooth` (ε = 0.1):
/// - `<run>.accuracy`, `<run>.confidence` (mean max probability), `<run>.nll`, `<run>.ece`: on
///   the test set.
/// - `<run>.train_accuracy`.
/// Also `smooth.epsilon` (0.1), `data.n_train` (60), `data.n_test` (600), `data.features` (20).
enum LabelSmoothing {
    static let name = "label-smoothing"
    static let description = "Softmax regression with label smoothing 0 vs 0.1: confidence, accuracy, held-out NLL and ECE."

    static let nTrain = 60
    static let nTest = 600
    static let features = 20
    static let classes = 3
    static let steps = 300
    static let bins = 10

    struct Calibration {
        var ece: Double
        /// Per non-empty bin: mean confidence, accuracy.
        var confidence: [Double]
        var accuracy: [Double]
        /// Fraction of points per bin (all bins), at the bin centres.
        var histogram: [Double]
    }

    static func calibration(confidence: [Double], correct: [Bool]) -> Calibration {
        var count = [Double](repeating: 0, count: bins), conf = count, hits = count
        for (c, ok) in zip(confidence, correct) {
            let b = Swift.min(Int(c * Double(bins)), bins - 1)
            count[b] += 1
            conf[b] += c
            hits[b] += ok ? 1 : 0
        }
        let n = Double(Swift.max(confidence.count, 1))
        var result = Calibration(ece: 0, confidence: [], accuracy: [], histogram: count.map { $0 / n })
        for b in 0..<bins where count[b] > 0 {
            let meanConf = conf[b] / count[b], accuracy = hits[b] / count[b]
            result.ece += count[b] / n * Swift.abs(accuracy - meanConf)
            result.confidence.append(meanConf)
            result.accuracy.append(accuracy)
        }
        return result
    }

    static func run(seed: UInt64) throws -> ExperimentResult {
        let data = SyntheticData.classification(n: nTrain + nTest, features: features, classes: classes, separation: 0.5, seed: seed)
        let trainX = Tensor(unchecked: [nTrain, features], Array(data.x.data.prefix(nTrain * features)))
        let testX = Tensor(unchecked: [nTest, features], Array(data.x.data.suffix(nTest * features)))
        let trainY = Array(data.labels.prefix(nTrain)), testY = Array(data.labels.suffix(nTest))

        var fields: [String: Double] = [
            "smooth.epsilon": 0.1, "data.n_train": Double(nTrain), "data.n_test": Double(nTest), "data.features": Double(features),
        ]
        var rows: [[ExperimentCell]] = []
        var reliability: [ExperimentSeries] = [.line("Perfect calibration", x: [1.0 / 3, 1], y: [1.0 / 3, 1])]
        var histograms: [ExperimentSeries] = []
        let centres = (0..<bins).map { (Double($0) + 0.5) / Double(bins) }
        for (key, label, epsilon) in [("hard", "ε = 0", 0.0), ("smooth", "ε = 0.1", 0.1)] {
            var model = SoftmaxRegression(features: features, classes: classes)
            _ = try Descent.train(&model, x: trainX, optimizer: Adam(learningRate: 0.05), steps: steps) { out in
                let r = try Losses.crossEntropy(input: out, target: .indices(trainY), labelSmoothing: epsilon)
                return (r.value, r.gradient("input"))
            }
            let logits = model.forward(testX)
            let probs = logits.rows.map(StableMath.softmax)
            let predicted = model.predictClasses(testX)
            let correct = zip(predicted, testY).map { $0 == $1 }
            let confidence = probs.map { $0.max() ?? 0 }
            let accuracy = Stats.mean(correct.map { $0 ? 1 : 0 })
            let nll = try Losses.crossEntropy(input: logits, target: .indices(testY)).value
            let cal = calibration(confidence: confidence, correct: correct)
            let trainAccuracy = Stats.mean(zip(model.predictClasses(trainX), trainY).map { $0 == $1 ? 1 : 0 })
            let values: [(String, Double)] = [
                ("accuracy", accuracy), ("confidence", Stats.mean(confidence)), ("nll", nll), ("ece", cal.ece),
                ("train_accuracy", trainAccuracy),
            ]
            for (name, v) in values { fields["\(key).\(name)"] = v }
            rows.append([.text(label)] + values.map { .number($0.1) })
            reliability.append(.line(label, x: cal.confidence, y: cal.accuracy))
            histograms.append(.line(label, x: centres, y: cal.histogram))
        }
        return ExperimentResult(
            name: name,
            title: "Label smoothing: confidence and calibration on held-out data",
            summary: "Three Gaussian classes in \(features) dimensions, \(nTrain) training and \(nTest) test points; softmax "
                + "regression trained on cross entropy with label smoothing 0 and 0.1 by Adam (learning rate 0.05, \(steps) "
                + "steps); calibration over \(bins) confidence bins.",
            table: ExperimentTable(
                columns: ["Label smoothing", "Test accuracy", "Mean confidence", "Test NLL", "ECE", "Train accuracy"],
                rows: rows),
            figure: ExperimentFigure(panels: [
                ExperimentPanel(title: "Reliability", xLabel: "mean confidence in bin", yLabel: "accuracy in bin",
                                series: reliability),
                ExperimentPanel(title: "Confidence histogram", xLabel: "confidence (max probability)",
                                yLabel: "fraction of test points", series: histograms),
            ]),
            fields: fields)
    }
}

import Foundation

/// `class-imbalance`: 1-D data with 95 % negatives and 5 % positives, fitted by logistic
/// regression with plain BCE, weighted BCE (pos_weight 19), focal loss (twice: α = 0.25 and
/// α = 0.75), and plain BCE with the threshold moved to the class prior.
///
/// Data: negatives x ~ N(0, 1), positives x ~ N(2, 1); 570 + 30 training points, 3800 + 200 test
/// points. Each loss trains ``LogisticRegression`` with Adam (learning rate 0.1, 300 steps) from
/// zero. Plain BCE learns the calibrated posterior, whose 0.5 threshold sits far into the
/// positive class (most positives are missed, accuracy looks great); pos_weight = 19 (the class
/// ratio) and the threshold 0.05 (the prior) both move the boundary back towards the middle,
/// trading precision for recall. Focal loss with γ = 2 focuses on hard examples but does not by
/// itself move the boundary: with the RetinaNet/torchvision default α = 0.25 (which weights the
/// positives by 0.25) it finds even fewer positives than plain BCE; with α = 0.75 it finds more.
///
/// Fields, for each method `bce`, `weighted_bce`, `focal` (α = 0.25), `focal_a75` (α = 0.75),
/// `bce_threshold`:
/// - `<m>.accuracy`, `<m>.recall`, `<m>.precision`, `<m>.balanced_accuracy`: on the test set,
///   positives (the minority) as class 1.
/// - `<m>.threshold`: the probability threshold (0.5, or 0.05 for `bce_threshold`).
/// - `<m>.boundary`: the x where the predicted probability crosses the threshold.
/// - `<m>.alpha`, `<m>.gamma` for the two focal runs.
/// Also `pos_weight` (19), `data.positives_train` (30),
/// `data.n_train` (600), `bayes.boundary` (x where the true posterior is 0.5: 1 + ½ ln 19).
enum ClassImbalance {
    static let name = "class-imbalance"
    static let description = "95/5 imbalanced data: plain BCE vs pos_weight vs focal (α = 0.25, 0.75) vs a moved threshold."

    static let negativesTrain = 570, positivesTrain = 30
    static let negativesTest = 3800, positivesTest = 200
    static let posWeight = 19.0
    static let prior = 0.05
    static let steps = 300

    static func sample(negatives: Int, positives: Int, _ g: inout SeededGenerator) -> (x: [Double], y: [Double]) {
        let x = (0..<negatives).map { _ in g.nextNormal() } + (0..<positives).map { _ in 2 + g.nextNormal() }
        let y = [Double](repeating: 0, count: negatives) + [Double](repeating: 1, count: positives)
        return (x, y)
    }

    static func train(x: [Double], _ loss: ([Double]) throws -> LossOutput) throws -> LogisticRegression {
        var model = LogisticRegression(features: 1)
        _ = try Descent.train(&model, x: Stats.column(x), optimizer: Adam(learningRate: 0.1), steps: steps) { out in
            let r = try loss(out.data)
            return (r.value, r.gradient("input"))
        }
        return model
    }

    static func run(seed: UInt64) throws -> ExperimentResult {
        var g = SeededGenerator(seed: seed)
        let train = sample(negatives: negativesTrain, positives: positivesTrain, &g)
        let test = sample(negatives: negativesTest, positives: positivesTest, &g)
        let y = train.y

        let plain = try ClassImbalance.train(x: train.x) { try Losses.bceWithLogits(input: $0, target: y) }
        let weighted = try ClassImbalance.train(x: train.x) { try Losses.bceWithLogits(input: $0, target: y, posWeight: [posWeight]) }
        let focal = try ClassImbalance.train(x: train.x) { try Losses.focal(input: $0, target: y, alpha: 0.25, gamma: 2) }
        let focal75 = try ClassImbalance.train(x: train.x) { try Losses.focal(input: $0, target: y, alpha: 0.75, gamma: 2) }

        let methods: [(String, String, LogisticRegression, Double)] = [
            ("bce", "BCE", plain, 0.5),
            ("weighted_bce", "Weighted BCE (pos_weight 19)", weighted, 0.5),
            ("focal", "Focal (γ = 2, α = 0.25)", focal, 0.5),
            ("focal_a75", "Focal (γ = 2, α = 0.75)", focal75, 0.5),
            ("bce_threshold", "BCE, threshold 0.05", plain, prior),
        ]
        var fields: [String: Double] = [
            "pos_weight": posWeight, "focal.gamma": 2, "focal.alpha": 0.25, "focal_a75.gamma": 2, "focal_a75.alpha": 0.75,
            "data.positives_train": Double(positivesTrain), "data.n_train": Double(train.x.count),
            "bayes.boundary": 1 + 0.5 * Foundation.log(19),
        ]
        var rows: [[ExperimentCell]] = []
        var rules: [Double] = []
        let testX = Stats.column(test.x)
        let actual = test.y.map { $0 == 1 }
        for (key, label, model, threshold) in methods {
            let p = model.probabilities(testX)
            let m = BinaryMetrics(predicted: p.map { $0 >= threshold }, actual: actual)
            let w = model.parameters[0], b = model.parameters[1]
            let boundary = (Foundation.log(threshold / (1 - threshold)) - b) / w
            let values: [(String, Double)] = [
                ("accuracy", m.accuracy), ("recall", m.recall), ("precision", m.precision),
                ("balanced_accuracy", m.balancedAccuracy), ("threshold", threshold), ("boundary", boundary),
            ]
            for (name, v) in values { fields["\(key).\(name)"] = v }
            rows.append([.text(label), .number(threshold), .number(m.accuracy), .number(m.recall), .number(m.precision),
                         .number(m.balancedAccuracy), .number(boundary)])
            rules.append(boundary)
        }
        let grid = Stats.linspace(-3, 5, 81)
        let gridX = Stats.column(grid)
        return ExperimentResult(
            name: name,
            title: "Class imbalance: plain BCE, pos_weight, focal loss and a moved threshold",
            summary: "\(negativesTrain) negatives from N(0, 1) and \(positivesTrain) positives from N(2, 1); logistic regression "
                + "trained on each loss with Adam (learning rate 0.1, \(steps) steps); metrics on \(negativesTest + positivesTest) "
                + "test points with the same 95/5 ratio.",
            table: ExperimentTable(
                columns: ["Method", "Threshold", "Accuracy", "Minority recall", "Minority precision", "Balanced accuracy",
                          "Boundary x"],
                rows: rows),
            figure: ExperimentFigure(panels: [
                ExperimentPanel(xLabel: "x", yLabel: "predicted P(positive | x)", series: [
                    .line("BCE", x: grid, y: plain.probabilities(gridX)),
                    .line("Weighted BCE", x: grid, y: weighted.probabilities(gridX)),
                    .line("Focal, α = 0.25", x: grid, y: focal.probabilities(gridX)),
                    .line("Focal, α = 0.75", x: grid, y: focal75.probabilities(gridX)),
                ], verticalRules: rules),
            ]),
            fields: fields)
    }
}

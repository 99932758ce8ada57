import Foundation

/// `softmax-saturation`: as logits grow, the softmax saturates: the top probability → 1 and the
/// cross-entropy gradient → 0 when the top class is right (but not when it is wrong).
///
/// Part 1, a sweep: five logits z ~ N(0, 1) are multiplied by a scale s ∈ [0, 40]; for each s,
/// `cross_entropy` of s·z against the top class (right) and against the bottom class (wrong) gives
/// the loss and the gradient with respect to the logits. Right: the gradient falls off like
/// e^{−s·gap}. Wrong: the loss grows linearly and the gradient norm tends to √2, so a confident
/// mistake is still corrected.
///
/// Part 2, training: softmax regression (``SoftmaxRegression``) on 60 points of three separable
/// 2-D clusters (centres on a circle of radius 3, σ = 0.5), trained on `cross_entropy` without
/// regularisation by gradient descent (learning rate 0.5, 1000 steps) from zero. With nothing to
/// stop it, the loss keeps falling by growing the weights: confidence → 1, gradient → 0.
///
/// Fields:
/// - `scale_<s>.max_prob`, `scale_<s>.grad_norm`, `scale_<s>.loss`, `scale_<s>.wrong_grad_norm`,
///   `scale_<s>.wrong_loss` for s in 1, 2, 5, 10, 20, 40.
/// - `train.initial_grad_norm`, `train.final_grad_norm`, `train.final_loss`: of the training loss.
/// - `train.mean_max_prob`: mean top probability on the training points after training.
/// - `train.weight_norm_half`, `train.weight_norm`: |W| after half and all of the steps.
/// - `train.accuracy`: training accuracy (1 if separated).
enum SoftmaxSaturation {
    static let name = "softmax-saturation"
    static let description = "Scaling logits saturates the softmax: max probability → 1, the cross-entropy gradient → 0 (if right)."

    static let classes = 5
    static let tableScales: [Double] = [1, 2, 5, 10, 20, 40]
    static let steps = 1000

    /// Loss and gradient norm of cross entropy of `logits` (one sample) against `target`.
    static func crossEntropy(_ logits: [Double], target: Int) throws -> (loss: Double, gradNorm: Double) {
        let r = try Losses.crossEntropy(input: Tensor(unchecked: [1, logits.count], logits), target: .indices([target]))
        return (r.value, Stats.norm(r.gradient("input")))
    }

    static func run(seed: UInt64) throws -> ExperimentResult {
        var g = SeededGenerator(seed: seed)
        let z = (0..<classes).map { _ in g.nextNormal() }
        let top = z.indices.max { z[$0] < z[$1] } ?? 0
        let bottom = z.indices.min { z[$0] < z[$1] } ?? 0

        let scales = Stats.linspace(0, 40, 81)
        var maxProb: [Double] = [], right: [Double] = [], wrong: [Double] = []
        var fields: [String: Double] = [:]
        var rows: [[ExperimentCell]] = []
        for s in scales {
            let logits = z.map { s * $0 }
            maxProb.append(StableMath.softmax(logits).max() ?? 0)
            right.append(try crossEntropy(logits, target: top).gradNorm)
            wrong.append(try crossEntropy(logits, target: bottom).gradNorm)
        }
        for s in tableScales {
            let logits = z.map { s * $0 }
            let p = StableMath.softmax(logits).max() ?? 0
            let r = try crossEntropy(logits, target: top)
            let w = try crossEntropy(logits, target: bottom)
            let key = "scale_\(Int(s))"
            fields["\(key).max_prob"] = p
            fields["\(key).loss"] = r.loss
            fields["\(key).grad_norm"] = r.gradNorm
            fields["\(key).wrong_loss"] = w.loss
            fields["\(key).wrong_grad_norm"] = w.gradNorm
            rows.append([.number(s), .number(p), .number(r.loss), .number(r.gradNorm), .number(w.loss), .number(w.gradNorm)])
        }

        // Part 2: three separable clusters, softmax regression without regularisation.
        var x: [Double] = [], labels: [Int] = []
        for i in 0..<60 {
            let c = i % 3
            let angle = 2 * Double.pi * Double(c) / 3
            x.append(3 * Foundation.cos(angle) + 0.5 * g.nextNormal())
            x.append(3 * Foundation.sin(angle) + 0.5 * g.nextNormal())
            labels.append(c)
        }
        let features = Tensor(unchecked: [60, 2], x)
        var model = SoftmaxRegression(features: 2, classes: 3)
        var gradNorm: [Double] = []
        var weightNorm: [Double] = []
        var p = model.parameters
        let m0 = model
        let loss = try Descent.minimize(&p, optimizer: GradientDescent(learningRate: 0.5), steps: steps) { q in
            var m = m0
            m.parameters = q
            let out = m.forward(features)
            let r = try Losses.crossEntropy(input: out, target: .indices(labels))
            let grad = m.parameterGradient(features, outputGradient: Tensor(unchecked: out.shape, r.gradient("input")))
            gradNorm.append(Stats.norm(grad))
            weightNorm.append(Stats.norm(Array(q.prefix(6))))
            return (r.value, grad)
        }
        model.parameters = p
        let out = model.forward(features)
        let final = try Losses.crossEntropy(input: out, target: .indices(labels))
        let probs = out.rows.map { StableMath.softmax($0).max() ?? 0 }
        let accuracy = Stats.mean(zip(model.predictClasses(features), labels).map { $0 == $1 ? 1 : 0 })
        let trainFields: [String: Double] = [
            "train.initial_grad_norm": gradNorm.first ?? 0,
            "train.final_grad_norm": Stats.norm(model.parameterGradient(features, outputGradient: Tensor(unchecked: out.shape, final.gradient("input")))),
            "train.final_loss": final.value,
            "train.mean_max_prob": Stats.mean(probs),
            "train.weight_norm_half": weightNorm[steps / 2],
            "train.weight_norm": Stats.norm(Array(model.parameters.prefix(6))),
            "train.accuracy": accuracy,
        ]
        fields.merge(trainFields) { a, _ in a }
        let stepAxis = (0..<steps).map(Double.init)
        return ExperimentResult(
            name: name,
            title: "Softmax saturation: large logits, vanishing gradients",
            summary: "Five N(0, 1) logits scaled from 0 to 40, cross entropy against the top and the bottom class; then softmax "
                + "regression on three separable 2-D clusters (60 points) trained on cross entropy without regularisation by "
                + "gradient descent (learning rate 0.5, \(steps) steps).",
            table: ExperimentTable(
                columns: ["Logit scale", "Max probability", "Loss (top class)", "|∇| (top class)", "Loss (bottom class)",
                          "|∇| (bottom class)"],
                rows: rows),
            figure: ExperimentFigure(panels: [
                ExperimentPanel(title: "Top probability", xLabel: "logit scale", yLabel: "max softmax probability",
                                series: [.line("max p", x: scales, y: maxProb)]),
                ExperimentPanel(title: "Cross-entropy gradient", xLabel: "logit scale", yLabel: "|∇ logits|", yLog: true, series: [
                    .line("Target = top class", x: scales, y: right), .line("Target = bottom class", x: scales, y: wrong),
                ]),
                ExperimentPanel(title: "Training on separable data", xLabel: "step", yLabel: "value", yLog: true, series: [
                    .line("Loss", x: stepAxis, y: loss), .line("Gradient norm", x: stepAxis, y: gradNorm),
                ]),
            ]),
            fields: fields)
    }
}

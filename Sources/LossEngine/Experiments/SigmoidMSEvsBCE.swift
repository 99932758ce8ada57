import Foundation

/// `sigmoid-mse-vs-bce`: a logistic model started saturated on the wrong side, trained with
/// sigmoid + MSE and with BCE on logits at the same learning rate.
///
/// Data: 1-D, 100 points, x | y = 0 ~ N(−1.5, 0.75²), x | y = 1 ~ N(1.5, 0.75²). The model
/// (``LogisticRegression``) starts at w = −5, b = 0: logits of about ∓7.5 on the wrong side, so
/// σ(z) is saturated at the wrong label and σ′(z) ≈ 5·10⁻⁴. Both runs use gradient descent with
/// learning rate 1 for 400 steps:
/// - MSE: the loss `mse(σ(z), y)`; its gradient through the sigmoid, 2(σ − y)·σ′(z), carries the
///   vanishing σ′, so the model crawls out of the wrong corner.
/// - BCE: `bce_with_logits(z, y)`, gradient σ(z) − y: the σ′ cancels against the log, the
///   gradient is large exactly when the model is confidently wrong, and it escapes in a few steps.
///
/// Fields, for `mse` and `bce`:
/// - `<run>.steps_to_90`: the first step at which training accuracy is ≥ 90 % (the step budget,
///   400, if never; see `<run>.reached_90`, 1 or 0).
/// - `<run>.final_loss`: its own loss after training; `<run>.final_accuracy`.
/// - `<run>.initial_grad_norm`: |∇(w, b)| of its loss at the start.
/// Also `start.weight` (−5), `learning_rate` (1), `steps` (400).
enum SigmoidMSEvsBCE {
    static let name = "sigmoid-mse-vs-bce"
    static let description = "A saturated wrong-sign start: sigmoid + MSE crawls (σ′ ≈ 0) while BCE on logits escapes at once."

    static let n = 100
    static let steps = 400
    static let startWeight = -5.0
    static let learningRate = 1.0

    struct Run {
        var loss: [Double]
        var accuracy: [Double]
        var gradNorm: [Double]
        var model: LogisticRegression
    }

    static func train(x: [Double], y: [Double], _ loss: (_ logits: [Double]) throws -> (Double, [Double])) throws -> Run {
        var model = LogisticRegression(features: 1)
        model.parameters = [startWeight, 0]
        var accuracy: [Double] = [], gradNorm: [Double] = []
        let features = Stats.column(x)
        var p = model.parameters
        let m0 = model
        let history = try Descent.minimize(&p, optimizer: GradientDescent(learningRate: learningRate), steps: steps) { q in
            var m = m0
            m.parameters = q
            let z = m.forward(features).data
            accuracy.append(Stats.mean(zip(z, y).map { ($0 > 0) == ($1 == 1) ? 1 : 0 }))
            let (value, dz) = try loss(z)
            let grad = m.parameterGradient(features, outputGradient: Tensor(dz))
            gradNorm.append(Stats.norm(grad))
            return (value, grad)
        }
        model.parameters = p
        return Run(loss: history, accuracy: accuracy, gradNorm: gradNorm, model: model)
    }

    static func run(seed: UInt64) throws -> ExperimentResult {
        var g = SeededGenerator(seed: seed)
        var x: [Double] = [], y: [Double] = []
        for i in 0..<n {
            let label = Double(i % 2)
            x.append((label == 1 ? 1.5 : -1.5) + 0.75 * g.nextNormal())
            y.append(label)
        }
        let mse = try train(x: x, y: y) { z in
            let p = z.map(StableMath.sigmoid)
            let r = try Losses.mse(input: p, target: y)
            // Chain rule through the output sigmoid: dσ/dz = σ(1 − σ).
            return (r.value, zip(r.gradient("input"), p).map { $0 * $1 * (1 - $1) })
        }
        let bce = try train(x: x, y: y) { z in
            let r = try Losses.bceWithLogits(input: z, target: y)
            return (r.value, r.gradient("input"))
        }

        var fields: [String: Double] = ["start.weight": startWeight, "learning_rate": learningRate, "steps": Double(steps)]
        var rows: [[ExperimentCell]] = []
        for (key, label, r) in [("mse", "Sigmoid + MSE", mse), ("bce", "BCE with logits", bce)] {
            let reached = r.accuracy.firstIndex { $0 >= 0.9 }
            let finalAccuracy = Stats.mean(zip(r.model.forward(Stats.column(x)).data, y).map { ($0 > 0) == ($1 == 1) ? 1 : 0 })
            let finalLoss = r.loss.last ?? 0
            fields["\(key).steps_to_90"] = Double(reached ?? steps)
            fields["\(key).reached_90"] = reached == nil ? 0 : 1
            fields["\(key).final_loss"] = finalLoss
            fields["\(key).final_accuracy"] = finalAccuracy
            fields["\(key).initial_grad_norm"] = r.gradNorm.first ?? 0
            rows.append([.text(label), reached.map { .number(Double($0)) } ?? .text("not within \(steps)"),
                         .number(r.gradNorm.first ?? 0), .number(finalLoss), .number(finalAccuracy)])
        }
        let stepAxis = (0..<steps).map(Double.init)
        return ExperimentResult(
            name: name,
            title: "Sigmoid + MSE against BCE from a saturated wrong start",
            summary: "\(n) points from two Gaussians at ±1.5 (σ = 0.75); logistic regression started at w = −5, "
                + "trained with sigmoid + MSE and with BCE on logits by gradient descent (learning rate 1, "
                + "\(steps) steps).",
            table: ExperimentTable(
                columns: ["Loss", "Steps to 90 % accuracy", "Initial gradient norm", "Final loss", "Final accuracy"],
                rows: rows),
            figure: ExperimentFigure(panels: [
                ExperimentPanel(title: "Training accuracy", xLabel: "step", yLabel: "accuracy", series: [
                    .line("Sigmoid + MSE", x: stepAxis, y: mse.accuracy), .line("BCE", x: stepAxis, y: bce.accuracy),
                ]),
                ExperimentPanel(title: "Gradient norm", xLabel: "step", yLabel: "|∇ loss|", yLog: true, series: [
                    .line("Sigmoid + MSE", x: stepAxis, y: mse.gradNorm), .line("BCE", x: stepAxis, y: bce.gradNorm),
                ]),
                ExperimentPanel(title: "Loss", xLabel: "step", yLabel: "loss", yLog: true, series: [
                    .line("Sigmoid + MSE", x: stepAxis, y: mse.loss), .line("BCE", x: stepAxis, y: bce.loss),
                ]),
            ]),
            fields: fields)
    }
}

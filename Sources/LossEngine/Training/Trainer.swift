/// The record of a training run.
public struct TrainingHistory: Sendable, Equatable {
    /// The mean loss of each step's batch, before the step.
    public var losses: [Double]
}

/// Trains a ``Model`` through the engine's own loss gradients: any catalog loss whose
/// prediction argument is `input` (mse, huber, bce_with_logits, cross_entropy, focal, ...).
///
/// Each step: predictions = model.forward(batch) → ``LossCatalog/evaluate(_:args:reduction:)``
/// with reduction mean → d loss / d input → ``Model/parameterGradient(_:outputGradient:)`` →
/// optimiser step. Mini-batches are shuffled with a ``SeededGenerator``, so a run is
/// deterministic for its seed.
public enum Trainer {
    /// - Parameters:
    ///   - model: trained in place.
    ///   - x: N×D features.
    ///   - target: the loss's `target`, with N rows (indices, values, ±1 labels, ...).
    ///   - loss: catalog name; `extraArgs` supplies its other arguments (delta, weight, ...).
    ///   - steps: number of optimiser steps.
    ///   - batchSize: samples per step (nil: the full data set).
    /// - Throws: ``LossError`` from the loss (e.g. a target of the wrong shape).
    public static func train<M: Model, O: Optimizer>(_ model: inout M, x: Tensor, target: EngineValue, loss: String,
                                                     extraArgs: [String: EngineValue] = [:], optimizer: O, steps: Int,
                                                     batchSize: Int? = nil, seed: UInt64 = 0) throws -> TrainingHistory {
        guard x.rank == 2 else { throw LossError.badShape(argument: "x", reason: "expected N×D features, found shape \(x.shape)") }
        let n = x.shape[0], d = x.shape[1]
        guard let rows = target.arrayValue, rows.count == n else {
            throw LossError.shapeMismatch(argument: "target", expected: [n], found: target.shape ?? [])
        }
        try Check.nonEmpty(n, "x")
        var state = optimizer.initialState(count: model.parameters.count)
        var g = SeededGenerator(seed: seed)
        let size = Swift.min(Swift.max(batchSize ?? n, 1), n)
        var order = Array(0..<n)
        var cursor = n
        var history = TrainingHistory(losses: [])
        history.losses.reserveCapacity(Swift.max(steps, 0))
        for _ in 0..<Swift.max(steps, 0) {
            let batch: [Int]
            if size == n {
                batch = order
            } else {
                if cursor + size > n {
                    for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, g.nextInt(below: i + 1)) }
                    cursor = 0
                }
                batch = Array(order[cursor..<(cursor + size)])
                cursor += size
            }
            var bx = [Double]()
            bx.reserveCapacity(batch.count * d)
            for i in batch { bx.append(contentsOf: x.data[(i * d)..<((i + 1) * d)]) }
            let xb = Tensor(unchecked: [batch.count, d], bx)
            let prediction = model.forward(xb)
            var args = extraArgs
            args["input"] = EngineValue(prediction)
            args["target"] = .array(batch.map { rows[$0] })
            let result = try LossCatalog.evaluate(loss, args: args, reduction: .mean)
            history.losses.append(result.value.doubleValue ?? .nan)
            guard let grad = result.gradients["input"]?.flattened() else {
                throw LossError.invalidArgument(argument: "loss", reason: "'\(loss)' has no gradient with respect to 'input'")
            }
            let dOut = Tensor(unchecked: prediction.shape, grad)
            let pg = model.parameterGradient(xb, outputGradient: dOut)
            var p = model.parameters
            optimizer.step(&p, gradient: pg, state: &state)
            model.parameters = p
        }
        return history
    }
}

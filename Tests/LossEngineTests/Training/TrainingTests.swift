import XCTest
@testable import LossEngine

/// The training kit: synthetic data, models trained through the engine's own gradients, and
/// determinism for a seed.
final class TrainingTests: XCTestCase {
    func testSyntheticDataIsDeterministicAndShaped() {
        let a = SyntheticData.regression(n: 500, weights: [2, -1], bias: 0.5, noise: .laplace(scale: 0.5), seed: 3)
        let b = SyntheticData.regression(n: 500, weights: [2, -1], bias: 0.5, noise: .laplace(scale: 0.5), seed: 3)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.x.shape, [500, 2])
        for noise in [NoiseModel.gaussian(sigma: 1), .skewed(scale: 1), .heteroscedastic(base: 0.1, slope: 1), .studentT(df: 3, scale: 1)] {
            let d = SyntheticData.regression(n: 20_000, weights: [0], bias: 0, noise: noise, seed: 4)
            let mean = d.y.reduce(0, +) / Double(d.y.count)
            XCTAssertEqual(mean, 0, accuracy: 0.05, "\(noise)")
        }
        let skew = SyntheticData.regression(n: 20_000, weights: [0], noise: .skewed(scale: 1), seed: 5).y
        let third = skew.reduce(0) { $0 + $1 * $1 * $1 } / Double(skew.count)
        XCTAssertEqual(third, 2, accuracy: 0.3) // third central moment of Exp(1) is 2
        let out = SyntheticData.regression(n: 10_000, weights: [0], noise: .gaussian(sigma: 0.1), outlierFraction: 0.1, seed: 6).y
        XCTAssertEqual(Double(out.filter { abs($0) > 2 }.count) / 10_000, 0.1, accuracy: 0.01)
        let imbalanced = SyntheticData.classification(n: 20_000, features: 2, classes: 2, classWeights: [9, 1], seed: 7)
        XCTAssertEqual(Double(imbalanced.labels.filter { $0 == 1 }.count) / 20_000, 0.1, accuracy: 0.01)
        let clean = SyntheticData.classification(n: 5_000, features: 2, classes: 3, seed: 8)
        let noisy = SyntheticData.classification(n: 5_000, features: 2, classes: 3, labelNoise: 0.3, seed: 8)
        XCTAssertEqual(clean.x, noisy.x)
        XCTAssertEqual(Double(zip(clean.labels, noisy.labels).filter { $0 != $1 }.count) / 5_000, 0.3, accuracy: 0.02)
    }

    func testLinearRegressionRecoversWeightsAndHuberResistsOutliers() throws {
        let data = SyntheticData.regression(n: 400, weights: [2, -1], bias: 0.5, noise: .gaussian(sigma: 0.1),
                                            outlierFraction: 0.1, outlierScale: 30, seed: 11)
        var mse = LinearRegression(features: 2)
        var huber = LinearRegression(features: 2)
        let h1 = try Trainer.train(&mse, x: data.x, target: EngineValue(data.y), loss: "mse", optimizer: GradientDescent(learningRate: 0.1), steps: 300)
        _ = try Trainer.train(&huber, x: data.x, target: EngineValue(data.y), loss: "huber", extraArgs: ["delta": 0.5],
                              optimizer: Adam(learningRate: 0.05), steps: 1500)
        XCTAssertLessThan(h1.losses.last ?? .infinity, h1.losses.first ?? 0)
        func error(_ m: LinearRegression) -> Double { abs(m.weights[0] - 2) + abs(m.weights[1] + 1) + abs(m.bias - 0.5) }
        XCTAssertLessThan(error(huber), 0.1)
        XCTAssertLessThan(error(huber), error(mse))
        let clean = SyntheticData.regression(n: 200, weights: [2, -1], bias: 0.5, noise: .gaussian(sigma: 0.01), seed: 12)
        var m = LinearRegression(features: 2)
        _ = try Trainer.train(&m, x: clean.x, target: EngineValue(clean.y), loss: "mse", optimizer: GradientDescent(learningRate: 0.1, momentum: 0.5), steps: 300)
        XCTAssertEqual(m.weights[0], 2, accuracy: 0.01)
        XCTAssertEqual(m.weights[1], -1, accuracy: 0.01)
        XCTAssertEqual(m.bias, 0.5, accuracy: 0.01)
    }

    func testLogisticSoftmaxAndMLPLearn() throws {
        let binary = SyntheticData.classification(n: 400, features: 2, classes: 2, separation: 2, seed: 21)
        var logistic = LogisticRegression(features: 2)
        _ = try Trainer.train(&logistic, x: binary.x, target: EngineValue(binary.binaryTargets), loss: "bce_with_logits",
                              optimizer: Adam(learningRate: 0.1), steps: 200, batchSize: 64, seed: 1)
        let acc = zip(logistic.probabilities(binary.x), binary.labels).filter { ($0 > 0.5) == ($1 == 1) }.count
        XCTAssertGreaterThan(Double(acc) / 400, 0.9)

        let multi = SyntheticData.classification(n: 600, features: 3, classes: 4, separation: 3, seed: 22)
        var softmax = SoftmaxRegression(features: 3, classes: 4)
        let hist = try Trainer.train(&softmax, x: multi.x, target: EngineValue(multi.labels), loss: "cross_entropy",
                                     optimizer: Adam(learningRate: 0.05), steps: 300)
        XCTAssertLessThan(hist.losses.last ?? 1, 0.3)
        let correct = zip(softmax.predictClasses(multi.x), multi.labels).filter { $0 == $1 }.count
        XCTAssertGreaterThan(Double(correct) / 600, 0.9)

        // XOR: not linearly separable, so only the hidden layer can fit it.
        let x = try Tensor(rows: [[0, 0], [0, 1], [1, 0], [1, 1]])
        let y: [Double] = [0, 1, 1, 0]
        var mlp = MLP(features: 2, hidden: 8, outputs: 1, activation: .tanh, seed: 3)
        let h = try Trainer.train(&mlp, x: x, target: EngineValue(y), loss: "bce_with_logits", optimizer: Adam(learningRate: 0.05), steps: 1500)
        XCTAssertLessThan(h.losses.last ?? 1, 0.05)
        let predictions = mlp.forward(x).data.map { $0 > 0 ? 1.0 : 0 }
        XCTAssertEqual(predictions, y)
    }

    func testTrainingIsDeterministicForASeed() throws {
        let data = SyntheticData.classification(n: 200, features: 2, classes: 3, seed: 31)
        func run() throws -> (MLP, TrainingHistory) {
            var m = MLP(features: 2, hidden: 5, outputs: 3, activation: .relu, seed: 4)
            let h = try Trainer.train(&m, x: data.x, target: EngineValue(data.labels), loss: "cross_entropy",
                                      optimizer: Adam(learningRate: 0.01), steps: 50, batchSize: 32, seed: 9)
            return (m, h)
        }
        let (a, ha) = try run()
        let (b, hb) = try run()
        XCTAssertEqual(a, b)
        XCTAssertEqual(ha, hb)
    }

    func testModelGradientsMatchFiniteDifferences() throws {
        var g = SeededGenerator(seed: 41)
        let x = try Tensor(shape: [5, 3], data: (0..<15).map { _ in g.nextNormal() })
        let upstream = try Tensor(shape: [5, 2], data: (0..<10).map { _ in g.nextNormal() })
        for act in Activation.allCases where act != .log && act != .relu {
            let m = MLP(features: 3, hidden: 4, outputs: 2, activation: act, seed: 5)
            let analytic = m.parameterGradient(x, outputGradient: upstream)
            for i in m.parameters.indices {
                var plus = m, minus = m
                plus.parameters[i] += 1e-6
                minus.parameters[i] -= 1e-6
                let f = { (model: MLP) in zip(model.forward(x).data, upstream.data).reduce(0) { $0 + $1.0 * $1.1 } }
                assertClose(analytic[i], (f(plus) - f(minus)) / 2e-6, rtol: 1e-5, atol: 1e-7, "\(act) parameter \(i)")
            }
        }
    }

    func testOptimizerStateIsAValue() {
        let adam = Adam(learningRate: 0.1)
        var state = adam.initialState(count: 2)
        var p = [1.0, -1.0]
        adam.step(&p, gradient: [0.5, -0.5], state: &state)
        let saved = state
        var p2 = p
        adam.step(&p, gradient: [0.5, -0.5], state: &state)
        var resumed = saved
        adam.step(&p2, gradient: [0.5, -0.5], state: &resumed)
        XCTAssertEqual(p, p2)
        XCTAssertEqual(state, resumed)
        XCTAssertEqual(state.t, 2)
        // The first Adam step moves each parameter by the learning rate against the gradient's sign.
        var q = [0.0]
        var s = adam.initialState(count: 1)
        adam.step(&q, gradient: [3], state: &s)
        XCTAssertEqual(q[0], -0.1, accuracy: 1e-8)
    }

    func testTrainerErrors() {
        var m = LinearRegression(features: 2)
        let x = try? Tensor(rows: [[1, 2], [3, 4]])
        XCTAssertThrowsError(try Trainer.train(&m, x: x ?? Tensor([1]), target: EngineValue([1.0]), loss: "mse",
                                               optimizer: GradientDescent(learningRate: 0.1), steps: 1))
        XCTAssertThrowsError(try Trainer.train(&m, x: x ?? Tensor([1]), target: EngineValue([1.0, 2]), loss: "nope",
                                               optimizer: GradientDescent(learningRate: 0.1), steps: 1)) {
            XCTAssertEqual($0 as? LossError, .unknownLoss("nope"))
        }
    }
}

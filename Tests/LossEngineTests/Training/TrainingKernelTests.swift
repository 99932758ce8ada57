import XCTest
@testable import LossEngine

/// The training kit's fast paths give the numbers of the plain loops, bit for bit: the course's
/// experiments are reproducible only while every sum keeps its additions and their order.
final class TrainingKernelTests: XCTestCase {
    /// The textbook loops the buffer versions replaced: a dot product per output; gradients
    /// summed over the samples in order, dx over the outputs in order, zero gradients skipped.
    private func referenceApply(_ layer: Affine, _ p: [Double], _ x: [Double], rows n: Int) -> [Double] {
        var out = [Double](repeating: 0, count: n * layer.outputs)
        for i in 0..<n {
            for k in 0..<layer.outputs {
                var s = p[layer.inputs * layer.outputs + k]
                for j in 0..<layer.inputs { s += x[i * layer.inputs + j] * p[j * layer.outputs + k] }
                out[i * layer.outputs + k] = s
            }
        }
        return out
    }

    private func referenceBackward(_ layer: Affine, _ p: [Double], _ x: [Double], rows n: Int, _ dOut: [Double]) -> ([Double], [Double]) {
        var g = [Double](repeating: 0, count: layer.parameterCount)
        var dx = [Double](repeating: 0, count: n * layer.inputs)
        for i in 0..<n {
            for k in 0..<layer.outputs {
                let d = dOut[i * layer.outputs + k]
                if d == 0 { continue }
                g[layer.inputs * layer.outputs + k] += d
                for j in 0..<layer.inputs {
                    g[j * layer.outputs + k] += x[i * layer.inputs + j] * d
                    dx[i * layer.inputs + j] += p[j * layer.outputs + k] * d
                }
            }
        }
        return (g, dx)
    }

    private func bits(_ a: [Double]) -> [UInt64] { a.map(\.bitPattern) }

    func testAffineMatchesTheTextbookLoopsBitForBit() {
        var g = SeededGenerator(seed: 11)
        for (inputs, outputs, rows) in [(1, 50, 7), (50, 2, 9), (50, 2, 8), (3, 1, 5), (4, 3, 6), (2, 2, 1)] {
            let layer = Affine(inputs: inputs, outputs: outputs)
            let p = (0..<layer.parameterCount).map { _ in g.nextNormal() * 3 }
            let x = (0..<(rows * inputs)).map { _ in g.nextNormal() * 10 }
            // Some output gradients exactly zero, so rows take both paths.
            let dOut = (0..<(rows * outputs)).map { i in i % 5 == 3 ? 0 : g.nextNormal() * 1e3 }
            let label = "\(inputs)→\(outputs), \(rows) rows"
            XCTAssertEqual(bits(layer.apply(p[...], x, rows: rows)), bits(referenceApply(layer, p, x, rows: rows)), label)
            let (gFast, dxFast) = layer.backward(p[...], x, rows: rows, dOut, needInput: true)
            let (gRef, dxRef) = referenceBackward(layer, p, x, rows: rows, dOut)
            XCTAssertEqual(bits(gFast), bits(gRef), label)
            XCTAssertEqual(bits(dxFast), bits(dxRef), label)
            XCTAssertEqual(bits(layer.backward(p[...], x, rows: rows, dOut, needInput: false).0), bits(gRef), label)
        }
    }

    func testValueAndGradientIsForwardThenGradientEvenWithAReusedWorkspace() throws {
        var g = SeededGenerator(seed: 12)
        let x = try Tensor(shape: [6, 2], data: (0..<12).map { _ in g.nextNormal() })
        let otherX = try Tensor(shape: [6, 2], data: (0..<12).map { _ in g.nextNormal() })
        let loss = { (out: Tensor) -> (value: Double, outputGradient: [Double]) in
            (out.data.reduce(0) { $0 + $1 * $1 } / 2, out.data)
        }
        for activation in Activation.allCases where activation != .log {
            var model = MLP(features: 2, hidden: 5, outputs: 2, activation: activation, seed: 13)
            var workspace = MLPWorkspace()
            // Output layer moved only (activations reused), hidden layer moved, other inputs, back.
            let steps: [(Int?, Tensor)] = [(nil, x), (model.parameters.count - 1, x), (0, x), (nil, otherX), (3, x)]
            for (index, input) in steps {
                if let index { model.parameters[index] += 0.25 }
                let out = model.forward(input)
                let expected = (loss(out).value, model.parameterGradient(input, outputGradient: Tensor(unchecked: out.shape, out.data)))
                let reused = model.valueAndGradient(input, workspace: &workspace, loss)
                let fresh = model.valueAndGradient(input, loss)
                let label = "\(activation), step changing \(index.map(String.init) ?? "nothing")"
                XCTAssertEqual(reused.value.bitPattern, expected.0.bitPattern, label)
                XCTAssertEqual(bits(reused.gradient), bits(expected.1), label)
                XCTAssertEqual(bits(fresh.gradient), bits(expected.1), label)
            }
        }
    }

    private struct Boom: Error {}

    func testParallelBothReturnsBothResultsAndRethrows() throws {
        let (a, b) = try Parallel.both({ (0..<1000).reduce(0, +) }, { "second" })
        XCTAssertEqual(a, 499_500)
        XCTAssertEqual(b, "second")
        XCTAssertThrowsError(try Parallel.both({ 1 }, { () throws -> Int in throw Boom() })) { XCTAssertTrue($0 is Boom) }
    }
}

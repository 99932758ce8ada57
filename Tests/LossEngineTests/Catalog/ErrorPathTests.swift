import XCTest
@testable import LossEngine

/// Every way a call can be wrong throws a typed ``LossError`` naming the argument; nothing traps.
final class ErrorPathTests: XCTestCase {
    func error(_ loss: String, _ args: [String: EngineValue], _ reduction: Reduction = .mean,
               file: StaticString = #filePath, line: UInt = #line) -> LossError? {
        do {
            _ = try LossCatalog.evaluate(loss, args: args, reduction: reduction)
            XCTFail("\(loss): expected an error", file: file, line: line)
            return nil
        } catch let e as LossError {
            return e
        } catch {
            XCTFail("\(loss): untyped error \(error)", file: file, line: line)
            return nil
        }
    }

    func testMissingUnknownArgumentsAndReductionsForEveryLoss() throws {
        var g = SeededGenerator(seed: 3)
        for d in LossCatalog.all {
            let args = try XCTUnwrap(Samples.args(d.name, &g), d.name)
            for spec in d.args where spec.isRequired {
                var partial = args
                partial[spec.name] = nil
                XCTAssertEqual(error(d.name, partial), .missingArgument(loss: d.name, argument: spec.name))
            }
            var extra = args
            extra["bogus"] = 1
            XCTAssertEqual(error(d.name, extra), .unknownArgument(loss: d.name, argument: "bogus"))
            if !d.reductions.contains(.batchmean) {
                XCTAssertEqual(error(d.name, args, .batchmean),
                               .unsupportedReduction(loss: d.name, reduction: "batchmean", allowed: d.reductions.map(\.rawValue)))
            }
        }
        XCTAssertEqual(error("no_such_loss", [:]), .unknownLoss("no_such_loss"))
    }

    func testWrongTypesEmptyAndTruncatedArraysNeverTrap() throws {
        var g = SeededGenerator(seed: 4)
        for d in LossCatalog.all {
            let args = try XCTUnwrap(Samples.args(d.name, &g), d.name)
            for spec in d.args where args[spec.name] != nil {
                let value = args[spec.name] ?? 0
                var bad = args
                switch spec.kind {
                case .array, .intArray:
                    bad[spec.name] = ["NaN"]
                    guard let e = error(d.name, bad) else { continue }
                    if case .wrongType(let a, _, let found) = e {
                        XCTAssertEqual(a, spec.name)
                        if d.name != "edit_distance" { XCTAssert(found.contains("NaN"), found) }
                    } else if d.name != "edit_distance" {
                        XCTFail("\(d.name).\(spec.name): \(e)")
                    }
                    // Empty, truncated and ragged versions: a LossError or a result, never a trap.
                    for variant in [EngineValue.array([]), truncated(value), ragged(value)] {
                        bad[spec.name] = variant
                        _ = try? LossCatalog.evaluate(d.name, args: bad, reduction: .mean)
                        do { _ = try LossCatalog.evaluate(d.name, args: bad, reduction: .none) } catch is LossError {}
                    }
                case .number:
                    bad[spec.name] = "x"
                    XCTAssertEqual(error(d.name, bad), .wrongType(argument: spec.name, expected: "a number", found: "the string \"x\""))
                    bad[spec.name] = .number(.nan)
                    XCTAssertEqual(error(d.name, bad), .nonFinite(argument: spec.name))
                case .bool:
                    bad[spec.name] = "yes"
                    XCTAssertEqual(error(d.name, bad), .wrongType(argument: spec.name, expected: "a boolean", found: "the string \"yes\""))
                case .string:
                    bad[spec.name] = "nope"
                    XCTAssertEqual(error(d.name, bad), .unknownOption(argument: spec.name, value: "nope", allowed: spec.options))
                }
            }
        }
    }

    func truncated(_ v: EngineValue) -> EngineValue {
        guard case .array(let items) = v, !items.isEmpty else { return v }
        return .array(Array(items.dropLast()))
    }

    func ragged(_ v: EngineValue) -> EngineValue {
        guard case .array(let items) = v, items.count > 1, case .array(let first) = items[0] else { return [[1, 2], [3]] }
        return .array([.array(first + [1])] + items.dropFirst())
    }

    func testSpecificDomainErrorsAndMessages() throws {
        let ce = error("cross_entropy", ["input": [[1, 2, 3]], "target": [7]])
        XCTAssertEqual(ce, .classIndexOutOfRange(argument: "target", index: 7, classCount: 3))
        XCTAssertEqual(ce?.description, "argument 'target': class index 7 out of range 0..<3")
        XCTAssertEqual(error("cross_entropy", ["input": [[1, 2, 3]], "target": [1.5]]), .notAnInteger(argument: "target", value: 1.5))
        XCTAssertEqual(error("cross_entropy", ["input": [[1, 2, 3]], "target": [[0.5, 0.7, -0.2]]]),
                       .probabilityOutOfRange(argument: "target", value: -0.2))
        XCTAssertEqual(error("cross_entropy", ["input": [[1, 2, 3]], "target": [0], "weight": [1, 2]]),
                       .shapeMismatch(argument: "weight", expected: [3], found: [2]))
        XCTAssertEqual(error("cross_entropy", ["input": [1, 2, 3], "target": [0]]),
                       .badShape(argument: "input", reason: "expected 2 dimensions (N×K logits), found shape [3]"))
        XCTAssertEqual(error("nll", ["input": [[-1, -2]], "target": [-1]]), .classIndexOutOfRange(argument: "target", index: -1, classCount: 2))
        let bce = error("bce", ["input": [0.5, 1.5], "target": [0, 1]])
        XCTAssertEqual(bce, .probabilityOutOfRange(argument: "input", value: 1.5))
        XCTAssertEqual(bce?.description, "argument 'input': probability 1.5 outside [0, 1]")
        XCTAssertEqual(error("bce_with_logits", ["input": [0.5], "target": [2]]), .probabilityOutOfRange(argument: "target", value: 2))
        let scale = error("laplace_nll", ["input": [0], "target": [0], "scale": [0]])
        XCTAssertEqual(scale, .nonPositive(argument: "scale", value: 0))
        XCTAssertEqual(scale?.description, "argument 'scale': must be positive, found 0.0")
        XCTAssertEqual(error("student_t_nll", ["input": [0], "target": [0], "scale": [1], "df": [-2]]), .nonPositive(argument: "df", value: -2))
        XCTAssertEqual(error("gaussian_nll", ["input": [0], "target": [0], "var": [-1]]),
                       .outOfDomain(argument: "var", value: -1, domain: "[0, ∞)"))
        XCTAssertEqual(error("huber", ["input": [0, 1], "target": [0, 1], "delta": 0]), .nonPositive(argument: "delta", value: 0))
        XCTAssertEqual(error("beta_nll", ["alpha": [1], "beta": [1], "target": [1]]), .outOfDomain(argument: "target", value: 1, domain: "(0, 1)"))
        XCTAssertEqual(error("gamma_nll", ["concentration": [1], "rate": [1], "target": [0]]), .nonPositive(argument: "target", value: 0))
        XCTAssertEqual(error("exponential_nll", ["rate": [1], "target": [-1]]), .outOfDomain(argument: "target", value: -1, domain: "[0, ∞)"))
        XCTAssertEqual(error("von_mises_nll", ["input": [0], "concentration": [-1], "target": [0]]),
                       .outOfDomain(argument: "concentration", value: -1, domain: "[0, ∞)"))
        XCTAssertEqual(error("hinge", ["input": [0.5], "target": [0]]), .outOfDomain(argument: "target", value: 0, domain: "{-1, 1}"))
        XCTAssertEqual(error("asymmetric", ["input": [0.5], "target": [0.5]]), .outOfDomain(argument: "target", value: 0.5, domain: "{0, 1}"))
        let mse = error("mse", ["input": [], "target": []])
        XCTAssertEqual(mse, .emptyInput(argument: "input"))
        XCTAssertEqual(mse?.description, "argument 'input': empty input, at least one element is needed")
        let shape = error("huber", ["input": [1, 2, 3], "target": [1, 2]])
        XCTAssertEqual(shape, .shapeMismatch(argument: "target", expected: [3], found: [2]))
        XCTAssertEqual(shape?.description, "argument 'target': shape [2] does not match expected shape [3]")
        XCTAssertEqual(error("mse", ["input": [[1, 2], [3]], "target": [[1, 2], [3]]]),
                       .badShape(argument: "input", reason: "ragged array (rows of different lengths)"))
        XCTAssertEqual(error("mse", ["input": [.number(.infinity)], "target": [1]]), .nonFinite(argument: "input"))
        XCTAssertEqual(error("vae", ["recon": [[0]], "x": [[0]], "mu": [[0]], "logvar": [[0]], "likelihood": "poisson"]),
                       .unknownOption(argument: "likelihood", value: "poisson", allowed: ["bernoulli", "gaussian"]))
        XCTAssertEqual(error("mvn_nll", ["mean": [[0, 0]], "scale_tril": [[1, 0.5], [0, 1]], "target": [[0, 0]]]),
                       .invalidArgument(argument: "scale_tril", reason: "not lower triangular (entry [0][1] = 0.5)"))
        XCTAssertEqual(error("mvn_nll", ["mean": [[0, 0]], "scale_tril": [[1, 0], [0, -1]], "target": [[0, 0]]]),
                       .nonPositive(argument: "scale_tril", value: -1))
        XCTAssertEqual(error("plackett_luce_nll", ["scores": [[0, 1]], "ranking": [[1, 1]]]),
                       .invalidArgument(argument: "ranking", reason: "not a permutation (1 appears twice)"))
        XCTAssertEqual(error("ctc", ["log_probs": [[[-1, -1]]], "targets": [[0]], "input_lengths": [1], "target_lengths": [1]]),
                       .invalidArgument(argument: "targets", reason: "contains the blank index 0"))
        XCTAssertEqual(error("ctc", ["log_probs": [[[-1, -1]]], "targets": [[1]], "input_lengths": [2], "target_lengths": [1]]),
                       .outOfDomain(argument: "input_lengths", value: 2, domain: "1...1"))
        XCTAssertEqual(error("seq_cross_entropy", ["input": [[[0, 1]]], "target": [[0]], "mask": [[2]]]),
                       .outOfDomain(argument: "mask", value: 2, domain: "{0, 1}"))
        XCTAssertEqual(error("edit_distance", ["hypothesis": ["a"], "reference": ["a", "b"]]),
                       .shapeMismatch(argument: "reference", expected: [1], found: [2]))
        XCTAssertEqual(error("multi_margin", ["input": [[0, 1]], "target": [0], "p": 3]),
                       .outOfDomain(argument: "p", value: 3, domain: "{1, 2}"))
        XCTAssertEqual(error("info_nce", ["query": [[1, 0]], "key": [[1, 0]], "temperature": 0]), .nonPositive(argument: "temperature", value: 0))
        XCTAssertEqual(error("kl_div", ["input": [[0, 0]], "target": [[0.5, 1.5]]]), .probabilityOutOfRange(argument: "target", value: 1.5))
        XCTAssertEqual(error("js_div", ["input": [[0.5, -0.5]], "target": [[0.5, 0.5]]]), .probabilityOutOfRange(argument: "input", value: -0.5))
    }

    func testTooManyElements() throws {
        let big = EngineValue.array([EngineValue](repeating: .number(0), count: Arguments.elementLimit + 1))
        XCTAssertEqual(error("mse", ["input": big, "target": big]),
                       .tooLarge(argument: "input", count: Arguments.elementLimit + 1, limit: Arguments.elementLimit))
    }

    func testTypedAPIThrowsToo() {
        XCTAssertThrowsError(try Losses.huber(input: [1], target: [1, 2])) {
            XCTAssertEqual($0 as? LossError, .shapeMismatch(argument: "target", expected: [1], found: [2]))
        }
        XCTAssertThrowsError(try Losses.mse(input: [1], target: [1], reduction: .batchmean))
        XCTAssertThrowsError(try Tensor(shape: [2, 2], data: [1, 2, 3]))
        XCTAssertThrowsError(try Tensor(rows: [[1, 2], [3]]))
        XCTAssertThrowsError(try Losses.crossEntropy(input: Tensor(rows: [[1, 2]]), target: .indices([0]), labelSmoothing: 2))
    }
}

extension ErrorPathTests {
    func testWorkLimitsStopHostileSizes() {
        let n = 2_001
        let rows = EngineValue.array([EngineValue](repeating: [1.0], count: n))
        XCTAssertEqual(error("info_nce", ["query": rows, "key": rows]), .tooLarge(argument: "query", count: n * n, limit: 4_000_000))
        let long = String(repeating: "a", count: 20_000)
        if case .tooLarge(let a, _, _)? = error("edit_distance", ["hypothesis": .array([.string(long)]), "reference": .array([.string(long)])]) {
            XCTAssertEqual(a, "hypothesis")
        } else {
            XCTFail("expected tooLarge")
        }
    }
}

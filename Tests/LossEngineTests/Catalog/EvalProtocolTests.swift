import XCTest
@testable import LossEngine
@testable import LossEngineEval

/// The JSON-lines protocol of `lossbook eval --jsonl` and the `--list` outputs.
final class EvalProtocolTests: XCTestCase {
    func testSpecExampleAnswersExactly() {
        let line = #"{"id": "c1", "loss": "huber", "args": {"input": [0.5, 2, -3], "target": [0, 0, 0], "delta": 1.0}, "reduction": "mean"}"#
        let a = EvalProtocol.answer(line: line)
        XCTAssertFalse(a.isError)
        XCTAssertEqual(a.line, #"{"id":"c1","value":1.375,"grad":{"input":[0.16666666666666666,0.3333333333333333,-0.3333333333333333]}}"#)
    }

    func testReductionNoneGivesNestedArraysAndDefaultIsMean() throws {
        let none = EvalProtocol.answer(line: #"{"id": 7, "loss": "mse", "args": {"input": [[1, 2], [3, 4]], "target": [[0, 0], [0, 1]]}, "reduction": "none"}"#)
        XCTAssertEqual(none.line, #"{"id":7,"value":[[1.0,4.0],[9.0,9.0]],"grad":{"input":[[2.0,4.0],[6.0,6.0]]}}"#)
        let mean = EvalProtocol.answer(line: #"{"id": "m", "loss": "l1", "args": {"input": [1, -1], "target": [0, 0]}}"#)
        XCTAssertEqual(mean.line, #"{"id":"m","value":1.0,"grad":{"input":[0.5,-0.5]}}"#)
    }

    func testNumbersReadBackAsTheSameDouble() throws {
        var g = SeededGenerator(seed: 77)
        let x = (0..<20).map { _ in g.nextNormal() * 1e3 }, y = (0..<20).map { _ in g.nextNormal() * 1e-3 }
        let line = JSON.object([
            JSON.Field(key: "id", value: .string("r")), JSON.Field(key: "loss", value: .string("log_cosh")),
            JSON.Field(key: "args", value: .object([JSON.Field(key: "input", value: JSON(EngineValue(x))),
                                                     JSON.Field(key: "target", value: JSON(EngineValue(y)))])),
            JSON.Field(key: "reduction", value: .string("none")),
        ]).serialized()
        let answer = try JSON.parse(EvalProtocol.answer(line: line).line)
        let direct = try Losses.logCosh(input: x, target: y, reduction: .none)
        XCTAssertEqual(ReferenceCases.numbers(answer["value"] ?? .null), direct.items ?? [])
        XCTAssertEqual(ReferenceCases.numbers(answer["grad"]?["input"] ?? .null), direct.gradient("input"))
        for v in [0.1, 1e-300, 5e-324, 1.7976931348623157e308, -0.0, 123456789.123456789, 1.0 / 3] {
            XCTAssertEqual(Double(JSON.format(v)), v)
        }
    }

    func testNonFiniteResultsAreStrings() {
        let js = EvalProtocol.answer(line: #"{"id": 1, "loss": "js_div", "args": {"input": [[0, 1]], "target": [[0.5, 0.5]]}, "reduction": "sum"}"#)
        XCTAssert(js.line.contains(#""-Infinity""#), js.line)
        let ctc = EvalProtocol.answer(line: #"{"id": 2, "loss": "ctc", "args": {"log_probs": [[[-1, -1]]], "targets": [[1, 1]], "input_lengths": [1], "target_lengths": [2]}, "reduction": "sum"}"#)
        XCTAssertEqual(ctc.line, #"{"id":2,"value":"Infinity","grad":{"log_probs":[[[0.0,0.0]]]}}"#)
        XCTAssertEqual(JSON.format(.nan), #""NaN""#)
    }

    func testErrorLinesKeepTheIdAndTheLoopGoesOn() {
        let lines = [
            "this is not json",
            #"{"id": "a", "loss": "huber", "args": {"input": ["NaN"], "target": [0]}}"#,
            #"{"id": "b", "loss": "nope", "args": {}}"#,
            #"{"id": "c", "loss": "mse", "args": {"input": [1], "target": [1]}, "reduction": "average"}"#,
            #"{"id": "d", "loss": "mse", "args": {"input": [1, 2], "target": [1]}}"#,
            #"{"id": "e", "loss": "cross_entropy", "args": {"input": [[1, 2, 3]], "target": [7]}}"#,
            #"{"id": "f", "loss": "mse", "args": {"input": [1], "target": [1e999]}}"#,
            #"{"id": "g", "loss": "mse", "args": {"input": [1], "target": [1], "extra": 1}}"#,
            #"{"id": "h", "loss": "mse", "args": {"input": [1]}}"#,
            #"{"id": "i", "loss": "mse", "args": {"input": {"a": 1}, "target": [1]}}"#,
            #"{"id": "j", "args": {}}"#,
            "[1, 2]",
            "",
            #"{"id": "k", "loss": "mse", "args": {"input": [1], "target": [3]}}"#,
        ]
        var out: [String] = []
        let anyError = EvalProtocol.run(lines: lines) { out.append($0) }
        XCTAssertTrue(anyError)
        XCTAssertEqual(out.count, lines.count)
        XCTAssertEqual(out[0], #"{"id":null,"error":"malformed input: not valid JSON: unknown literal at byte 0"}"#)
        XCTAssertEqual(out[1], #"{"id":"a","error":"argument 'input': expected an array of numbers, found the string \"NaN\""}"#)
        XCTAssertEqual(out[2], #"{"id":"b","error":"unknown loss 'nope' (see `lossbook eval --list`)"}"#)
        XCTAssert(out[3].contains("argument 'reduction': unknown option 'average'"), out[3])
        XCTAssertEqual(out[4], #"{"id":"d","error":"argument 'target': shape [1] does not match expected shape [2]"}"#)
        XCTAssertEqual(out[5], #"{"id":"e","error":"argument 'target': class index 7 out of range 0..<3"}"#)
        XCTAssertEqual(out[6], #"{"id":"f","error":"argument 'target': contains a non-finite number (NaN or infinity)"}"#)
        XCTAssertEqual(out[7], #"{"id":"g","error":"argument 'extra': loss 'mse' has no argument of this name"}"#)
        XCTAssertEqual(out[8], #"{"id":"h","error":"argument 'target': missing (required by loss 'mse')"}"#)
        XCTAssert(out[9].contains(#""id":"i","error":"argument 'input': expected"#), out[9])
        XCTAssertEqual(out[10], #"{"id":"j","error":"malformed input: field 'loss' is missing"}"#)
        XCTAssertEqual(out[11], #"{"id":null,"error":"malformed input: a case must be a JSON object"}"#)
        XCTAssertEqual(out[12], #"{"id":null,"error":"malformed input: empty line"}"#)
        XCTAssertEqual(out[13], #"{"id":"k","value":4.0,"grad":{"input":[-4.0]}}"#)
        XCTAssertFalse(EvalProtocol.run(lines: [lines[13]]) { _ in })
    }

    func testHugeAndDeepLinesAreRejectedNotCrashing() {
        let huge = "{\"id\": 1, \"loss\": \"mse\", \"args\": {\"input\": [" + String(repeating: "0,", count: JSON.elementLimit) + "0]}}"
        let a = EvalProtocol.answer(line: huge)
        XCTAssert(a.isError)
        XCTAssert(a.line.contains("too many JSON values"), String(a.line.prefix(200)))
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let b = EvalProtocol.answer(line: "{\"id\": 2, \"loss\": \"mse\", \"args\": {\"input\": \(deep)}}")
        XCTAssert(b.line.contains("nested deeper"), b.line)
        for bad in ["{\"id\": 3", "{\"id\": \"\\x\"}", "{\"id\": tru}", "{\"id\": 01}", "{\"id\": 1.}", "{\"a\" 1}", "\"\\ud800\""] {
            XCTAssert(EvalProtocol.answer(line: bad).isError, bad)
        }
    }

    func testJSONStringsAndEscapes() throws {
        XCTAssertEqual(try JSON.parse(#""a\"b\\c\u00e9\ud83d\ude00\n""#), .string("a\"b\\cé😀\n"))
        XCTAssertEqual(JSON.quote("a\"\u{1}\n"), #""a\"\u0001\n""#)
        let e = EvalProtocol.answer(line: #"{"id": "x\"y", "loss": "edit_distance", "args": {"hypothesis": ["kitten"], "reference": ["sitting"]}}"#)
        XCTAssertEqual(e.line, #"{"id":"x\"y","value":3.0,"grad":{}}"#)
    }

    func testListJSONDescribesEveryLoss() throws {
        let list = try JSON.parse(EvalProtocol.listJSON())
        guard case .array(let items) = list else { return XCTFail("not an array") }
        XCTAssertEqual(items.count, LossCatalog.all.count)
        let names = items.compactMap { item -> String? in if case .string(let s)? = item["name"] { return s } else { return nil } }
        XCTAssertEqual(names, LossCatalog.all.map(\.name))
        for item in items {
            guard case .array(let args)? = item["args"] else { return XCTFail("args") }
            for a in args {
                guard case .string(let kind)? = a["kind"] else { return XCTFail("kind") }
                XCTAssert(["array", "number", "int-array", "bool", "string"].contains(kind))
                XCTAssertNotNil(a["default"])
            }
            XCTAssertNotNil(item["differentiable"])
        }
        let huber = items.first { $0["name"] == .string("huber") }
        XCTAssertEqual(huber?["args"], .array([
            .object([JSON.Field(key: "name", value: .string("input")), JSON.Field(key: "kind", value: .string("array")),
                     JSON.Field(key: "default", value: .null), JSON.Field(key: "required", value: .bool(true)),
                     JSON.Field(key: "summary", value: .string("predictions, any shape"))]),
            .object([JSON.Field(key: "name", value: .string("target")), JSON.Field(key: "kind", value: .string("array")),
                     JSON.Field(key: "default", value: .null), JSON.Field(key: "required", value: .bool(true)),
                     JSON.Field(key: "summary", value: .string("same shape as input"))]),
            .object([JSON.Field(key: "name", value: .string("delta")), JSON.Field(key: "kind", value: .string("number")),
                     JSON.Field(key: "default", value: .number(1)), JSON.Field(key: "required", value: .bool(false)),
                     JSON.Field(key: "summary", value: .string("δ > 0"))]),
        ]))
        let text = EvalProtocol.listText()
        for d in LossCatalog.all { XCTAssert(text.contains("\n\(d.name)") || text.contains("\(d.name):"), d.name) }
    }

    func testCatalogCoversTheSpec() {
        let spec = ["mse", "mae", "huber", "smooth_l1", "log_cosh", "quantile", "gaussian_nll", "laplace_nll", "poisson_nll",
                    "student_t_nll", "exponential_nll", "gamma_nll", "beta_nll", "von_mises_nll", "mixture_gaussian_nll", "mvn_nll",
                    "plackett_luce_nll", "bce", "bce_with_logits", "hinge", "squared_hinge", "focal", "asymmetric", "cross_entropy",
                    "nll", "kl_div", "js_div", "multi_margin", "softmax_focal", "gce", "sce", "poly1", "contrastive", "triplet_margin",
                    "cosine_embedding", "margin_ranking", "circle", "info_nce", "ctc", "seq_cross_entropy", "crf_nll", "edit_distance",
                    "gan_d_minimax", "gan_g_minimax", "gan_g_nonsaturating", "wgan_d", "wgan_g", "hinge_gan_d", "hinge_gan_g",
                    "gaussian_kl", "vae"]
        XCTAssertEqual(Set(LossCatalog.all.map(\.name)), Set(spec))
        XCTAssertEqual(LossCatalog.descriptor(named: "l1")?.name, "mae")
        XCTAssertEqual(LossCatalog.descriptor(named: "kl_div")?.reductions, [.none, .mean, .sum, .batchmean])
        for d in LossCatalog.all {
            for name in d.differentiable { XCTAssertNotNil(d.arg(name), "\(d.name).\(name)") }
        }
    }
}

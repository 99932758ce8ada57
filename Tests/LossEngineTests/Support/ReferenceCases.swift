import XCTest
@testable import LossEngine
@testable import LossEngineEval

/// Reference values computed independently with numpy/scipy (PyTorch semantics; brute-force
/// enumeration for CTC and the CRF), one JSON case per line:
/// `{"loss": ..., "args": {...}, "reduction": ..., "expected": number or nested array}`.
enum ReferenceCases {
    static func check(_ text: String, loss: String, rtol: Double = 1e-9, atol: Double = 1e-12,
                      file: StaticString = #filePath, line: UInt = #line) throws {
        var checked = 0
        for raw in text.split(separator: "\n") where !raw.trimmingCharacters(in: .whitespaces).isEmpty {
            let json = try JSON.parse(String(raw))
            guard case .string(let name)? = json["loss"], name == loss else { continue }
            guard case .string(let red)? = json["reduction"], let reduction = Reduction(rawValue: red),
                  case .object(let fields)? = json["args"], let expected = json["expected"] else {
                XCTFail("bad reference line \(raw)", file: file, line: line)
                continue
            }
            var args: [String: EngineValue] = [:]
            for f in fields { args[f.key] = try EvalProtocol.engineValue(f.value, argument: f.key) }
            let result = try LossCatalog.evaluate(name, args: args, reduction: reduction)
            let want = numbers(expected)
            let got = flat(result.value)
            XCTAssertEqual(got.count, want.count, "\(name) \(red)", file: file, line: line)
            if reduction == .none {
                XCTAssertEqual(result.value.shape?.count, shapeRank(expected), "\(name) item shape", file: file, line: line)
            }
            assertClose(got, want, rtol: rtol, atol: atol, "\(name) reduction \(red) args \(raw.prefix(160))", file: file, line: line)
            checked += 1
        }
        XCTAssertGreaterThan(checked, 0, "no reference case for \(loss)", file: file, line: line)
    }

    static func numbers(_ j: JSON) -> [Double] {
        switch j {
        case .number(let x): return [x]
        case .string("Infinity"): return [.infinity]
        case .string("-Infinity"): return [-.infinity]
        case .array(let items): return items.flatMap(numbers)
        default: return [.nan]
        }
    }

    static func shapeRank(_ j: JSON) -> Int {
        if case .array(let items) = j { return 1 + (items.first.map(shapeRank) ?? 0) }
        return 0
    }
}

import Foundation
import XCTest
@testable import LossbookSite

/// The arithmetic of `check` claims and inline values: what it computes, how it reports a
/// mistake (message and offset), and that hostile input stops at a limit instead of the stack.
final class ExpressionTests: XCTestCase {
    private func value(_ text: String, _ values: [String: Double] = [:], file: StaticString = #filePath, line: UInt = #line) -> Double? {
        do {
            return try Expression(text).evaluate(values)
        } catch {
            XCTFail("'\(text)' did not parse: \(error.errors.map { "\($0.message) at \($0.offset)" })", file: file, line: line)
            return nil
        }
    }

    private func failure(_ text: String) -> (offset: Int, message: String)? {
        do {
            _ = try Expression(text)
            return nil
        } catch {
            return error.errors.first.map { ($0.offset, $0.message) }
        }
    }

    func testPrecedenceAndAssociativity() {
        let cases: [(String, Double)] = [
            ("2 + 3 * 4", 14), ("(2 + 3) * 4", 20), ("2 * 3 + 4 * 5", 26),
            ("1 - 2 - 3", -4), ("8 / 4 / 2", 1), ("2 - 3 + 4", 3),
            ("2 ^ 3 ^ 2", 512),            // right-associative, as in mathematics
            ("-2 ^ 2", -4),                // the power binds tighter than the sign
            ("2 ^ -1", 0.5), ("- - 3", 3), ("+3", 3), ("2 * -3", -6),
            ("3 * 2 ^ 2", 12), ("2 ^ 2 * 3", 12),
            ("1e-3 * 1E3", 1), ("2.5e+1", 25), (".5 + 0.25", 0.75),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(value(text), expected, text)
        }
    }

    func testNamesConstantsAndFunctions() {
        XCTAssertEqual(value("pi"), Double.pi)
        XCTAssertEqual(value("e ^ 1"), M_E)
        XCTAssertEqual(value("mse / 8 + 0.5 * log(2 * pi * 4)", ["mse": 8]), 1 + 0.5 * log(8 * Double.pi))
        XCTAssertEqual(value("sqrt(16) + abs(-2) + exp(0) + log1p(0) + expm1(0) + tanh(0) + sigmoid(0)"), 4 + 2 + 1 + 0 + 0 + 0 + 0.5)
        XCTAssertEqual(value("x_1 * y2", ["x_1": 3, "y2": 4]), 12)
        XCTAssertEqual(try Expression("a + pi * b - e + a").names, ["a", "b"], "constants are not values to look up")
        XCTAssertTrue(value("unknown")!.isNaN, "a name without a value is NaN, never a number")
        XCTAssertEqual(value("1 / 0"), .infinity)
        XCTAssertTrue(value("log(-1)")!.isNaN)
    }

    func testErrorsNameWhatIsWrongAndWhere() {
        XCTAssertEqual(failure("")?.message, "the expression ends too early")
        XCTAssertEqual(failure("1 +")?.offset, 3)
        XCTAssertEqual(failure("1 +")?.message, "the expression ends too early")
        XCTAssertEqual(failure("(1 + 2")?.offset, 6)
        XCTAssertEqual(failure("(1 + 2")?.message, "missing ')'")
        XCTAssertEqual(failure("sqrt(4")?.message, "missing ')'")
        XCTAssertEqual(failure("1 + 2)")?.offset, 5)
        XCTAssertEqual(failure("1 + 2)")?.message, "unexpected ')'")
        XCTAssertEqual(failure("2 $ 3")?.offset, 2)
        XCTAssertEqual(failure("1..2")?.message, "'1..2' is not a number")
        XCTAssertEqual(failure("3 + sin(1)")?.offset, 4)
        XCTAssertEqual(failure("3 + sin(1)")?.message.hasPrefix("unknown function 'sin'; known: abs, exp, expm1, log"), true)
        XCTAssertEqual(failure("2e")?.message, "unexpected 'e'", "an exponent needs digits")
        XCTAssertEqual(failure("2 3")?.message, "unexpected '3'")
        // Letters that are numbers to Unicode but not to Double are refused, not crashed on.
        XCTAssertEqual(failure("½")?.message, "'½' is not a number")
        XCTAssertEqual(failure("２")?.message, "'２' is not a number")
    }

    /// Every way of nesting counts towards one depth limit, and chains towards a size limit, so
    /// that neither the parser nor the evaluator nor the tree's release can exhaust the stack.
    func testHostileDepthAndSizeStopAtTheLimits() {
        let depthMessage = "the expression nests deeper than \(Limits.expressionDepth) levels (parentheses, signs, powers)"
        let deep = Limits.expressionDepth + 10
        XCTAssertEqual(failure(String(repeating: "-", count: deep) + "1")?.message, depthMessage)
        XCTAssertEqual(failure(Array(repeating: "2", count: deep).joined(separator: "^"))?.message, depthMessage)
        XCTAssertEqual(failure(String(repeating: "sqrt(", count: deep) + "1" + String(repeating: ")", count: deep))?.message, depthMessage)
        XCTAssertEqual(failure(String(repeating: "(", count: deep) + "1" + String(repeating: ")", count: deep))?.message, depthMessage)
        // Just inside the limits: parsed and evaluated.
        let allowed = Limits.expressionDepth - 2
        XCTAssertEqual(value(String(repeating: "-", count: allowed) + "1"), 1)
        XCTAssertEqual(value(Array(repeating: "1", count: allowed).joined(separator: "^")), 1)
        // n terms joined by n − 1 operators are 2n − 1 nodes.
        let terms = (Limits.expressionNodes + 1) / 2
        XCTAssertEqual(value(Array(repeating: "1", count: terms).joined(separator: "+")), Double(terms))
        XCTAssertEqual(failure(Array(repeating: "1", count: terms + 1).joined(separator: "+"))?.message,
                       "the expression has more than \(Limits.expressionNodes) terms and operators")
        XCTAssertEqual(failure(String(repeating: "1", count: Limits.expressionBytes + 1))?.message,
                       "the expression is longer than \(Limits.expressionBytes) bytes")
        XCTAssertEqual(failure(String(repeating: "é", count: Limits.expressionBytes / 2 + 1))?.message,
                       "the expression is longer than \(Limits.expressionBytes) bytes", "the limit counts bytes, not characters")
    }
}

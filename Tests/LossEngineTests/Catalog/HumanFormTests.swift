import XCTest
@testable import LossEngine
@testable import LossEngineEval

/// `lossbook eval huber --input 0.5,2,-3 --target 0,0,0 --delta 1` and friends.
final class HumanFormTests: XCTestCase {
    func testSpecExamples() throws {
        let huber = try HumanForm.run(["huber", "--input", "0.5,2,-3", "--target", "0,0,0", "--delta", "1"])
        XCTAssertEqual(huber, """
        huber (reduction: mean)
        value: 1.375
        per item: [0.125, 1.5, 2.5]
        gradient input: [0.16666666666666666, 0.3333333333333333, -0.3333333333333333]

        """)
        let ce = try HumanForm.run(["cross_entropy", "--input", "[[2,1,0.1]]", "--target", "[0]", "--label-smoothing", "0.1"])
        XCTAssert(ce.hasPrefix("cross_entropy (reduction: mean)\nvalue: "), ce)
        let direct = try Losses.crossEntropy(input: Tensor(rows: [[2, 1, 0.1]]), target: .indices([0]), labelSmoothing: 0.1)
        XCTAssert(ce.contains("value: \(direct.value)\n"), ce)
    }

    func testParsingFlagsReductionsAndStrings() throws {
        let r = try HumanForm.parse(["gaussian_nll", "--input", "1", "--target=2", "--var", "0.5", "--full", "--reduction", "sum"])
        XCTAssertEqual(r.args["full"], true)
        XCTAssertEqual(r.args["input"], [1])
        XCTAssertEqual(r.args["target"], [2])
        XCTAssertEqual(r.reduction, .sum)
        let e = try HumanForm.parse(["edit_distance", "--hypothesis", "kitten,flaw", "--reference", "sitting,lawn", "--normalize", "false"])
        XCTAssertEqual(e.args["hypothesis"], ["kitten", "flaw"])
        XCTAssertEqual(e.args["normalize"], false)
        let neg = try HumanForm.parse(["hinge", "--input", "-1", "--target", "-1,1"])
        XCTAssertEqual(neg.args["input"], [-1])
        XCTAssertEqual(try HumanForm.parse(["l1", "--input", "1", "--target", "1"]).loss, "mae")
    }

    func testErrors() {
        XCTAssertThrowsError(try HumanForm.parse([])) { XCTAssert(($0 as? LossError)?.description.contains("loss name") == true) }
        XCTAssertThrowsError(try HumanForm.parse(["nope"])) { XCTAssertEqual($0 as? LossError, .unknownLoss("nope")) }
        XCTAssertThrowsError(try HumanForm.parse(["mse", "--nope", "1"])) {
            XCTAssertEqual($0 as? LossError, .unknownArgument(loss: "mse", argument: "nope"))
        }
        XCTAssertThrowsError(try HumanForm.parse(["huber", "--delta", "abc"])) {
            XCTAssertEqual($0 as? LossError, .wrongType(argument: "delta", expected: "a number", found: "'abc'"))
        }
        XCTAssertThrowsError(try HumanForm.parse(["mse", "--reduction", "avg"]))
        XCTAssertThrowsError(try HumanForm.parse(["mse", "stray"]))
        XCTAssertThrowsError(try HumanForm.run(["mse", "--input", "1,2"])) {
            XCTAssertEqual($0 as? LossError, .missingArgument(loss: "mse", argument: "target"))
        }
    }
}

extension HumanFormTests {
    func testLossHelpDescribesTheLoss() throws {
        let text = try HumanForm.run(["huber", "--help"])
        XCTAssertEqual(text, """
        huber: Huber: quadratic within delta, linear beyond.
            --input <array>  predictions, any shape
            --target <array>  same shape as input
            --delta <number> = 1.0  δ > 0
            gradient: input; reductions: none, mean, sum; Huber 1964; PyTorch huber_loss

        """)
        XCTAssert(EvalProtocol.listText().contains(text))
    }
}

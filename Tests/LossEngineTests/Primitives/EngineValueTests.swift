import XCTest
@testable import LossEngine

final class EngineValueTests: XCTestCase {
    func testShapesAndConversions() throws {
        let m: EngineValue = [[1, 2, 3], [4, 5, 6]]
        XCTAssertEqual(m.shape, [2, 3])
        XCTAssertEqual(m.flattened(), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(m.matrix, [[1, 2, 3], [4, 5, 6]])
        XCTAssertEqual(m.tensor, try Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6]))
        XCTAssertEqual(EngineValue(shape: [2, 3], flat: [1, 2, 3, 4, 5, 6]), m)
        XCTAssertEqual(EngineValue(try Tensor(rows: [[1, 2, 3], [4, 5, 6]])), m)
        XCTAssertEqual(EngineValue(shape: [], flat: [7]), 7)
        XCTAssertEqual(EngineValue(shape: [2, 0], flat: []), [[], []])
        XCTAssertEqual(EngineValue([1.5, 2]).doubles, [1.5, 2])
        XCTAssertNil(([[1, 2], [3]] as EngineValue).shape)
        XCTAssertNil((["a", 1] as EngineValue).flattened())
        XCTAssertEqual(EngineValue.number(3).shape, [])
        XCTAssertEqual(EngineValue.array([]).shape, [0])
        XCTAssertEqual(EngineValue.bool(true).boolValue, true)
        XCTAssertEqual(EngineValue.string("s").stringValue, "s")
        XCTAssertEqual(try Tensor(blocks: [[[1, 2]], [[3, 4]]]).shape, [2, 1, 2])
        XCTAssertThrowsError(try Tensor(blocks: [[[1, 2]], [[3]]]))
    }
}

extension EngineValueTests {
    func testHugeOrNegativeShapesDoNotTrap() {
        XCTAssertThrowsError(try Tensor(shape: [Int.max, 2], data: []))
        XCTAssertThrowsError(try Tensor(shape: [-1], data: []))
        XCTAssertEqual(EngineValue(shape: [Int.max, 4], flat: []), .array([]))
        XCTAssertEqual(EngineValue(shape: [-2, -3], flat: [1, 2, 3, 4, 5, 6]), .array([]))
    }
}

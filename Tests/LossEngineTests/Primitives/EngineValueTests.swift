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

    /// `shape` and `flattened()` (which take a short cut for vectors of numbers) agree with a
    /// plain recursive reading on random nested values: ragged ones, mixed ones, empty ones.
    func testShapeAndFlattenedAgreeWithARecursiveReading() {
        func shape(_ value: EngineValue) -> [Int]? {
            switch value {
            case .number: return []
            case .bool, .string: return nil
            case .array(let items):
                guard let first = items.first else { return [0] }
                guard let inner = shape(first) else { return nil }
                for item in items.dropFirst() where shape(item) != inner { return nil }
                return [items.count] + inner
            }
        }
        func flat(_ value: EngineValue) -> [Double]? {
            switch value {
            case .number(let x): return [x]
            case .bool, .string: return nil
            case .array(let items):
                var out: [Double] = []
                for item in items {
                    guard let inner = flat(item) else { return nil }
                    out += inner
                }
                return out
            }
        }
        var generator = SeededGenerator(seed: 21)
        func random(depth: Int) -> EngineValue {
            switch Int.random(in: 0..<10, using: &generator) {
            case 0: return .bool(true)
            case 1: return .string("x")
            case 2...4 where depth > 0:
                let count = Int.random(in: 0..<4, using: &generator)
                let width = Int.random(in: 0..<3, using: &generator)
                return .array((0..<count).map { _ in Bool.random(using: &generator) ? EngineValue((0..<width).map(Double.init)) : random(depth: depth - 1) })
            case 5...6: return EngineValue((0..<Int.random(in: 0..<5, using: &generator)).map { Double($0) / 2 })
            default: return .number(Double(Int.random(in: -9...9, using: &generator)))
            }
        }
        for _ in 0..<2_000 {
            let value = random(depth: 3)
            XCTAssertEqual(value.shape, shape(value), "\(value)")
            XCTAssertEqual(value.flattened(), flat(value), "\(value)")
        }
        XCTAssertEqual(EngineValue.array([.number(1), .bool(true)]).shape, nil)
        XCTAssertEqual(EngineValue.array([.number(1), .array([])]).shape, nil)
        XCTAssertEqual(EngineValue.array([.number(1), .array([])]).flattened(), [1])
    }
}


/// A dense array of doubles with a shape, stored flat in row-major order.
///
/// The engine's typed API takes `[Double]` for vectors and `Tensor` for anything with more
/// than one dimension. Construction from nested arrays checks that rows agree and throws
/// otherwise; nothing here traps on user input.
public struct Tensor: Equatable, Sendable {
    /// Size of each dimension, outermost first.
    public let shape: [Int]
    /// The elements, row-major; `data.count == shape.reduce(1, *)`.
    public let data: [Double]

    /// A tensor of the given shape; throws if `data.count` does not match it.
    public init(shape: [Int], data: [Double], argument: String = "tensor") throws {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw LossError.badShape(argument: argument, reason: "negative dimension in \(shape)")
        }
        var count = 1
        for d in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow else { throw LossError.badShape(argument: argument, reason: "shape \(shape) is too large") }
            count = product
        }
        guard count == data.count else {
            throw LossError.badShape(argument: argument, reason: "\(data.count) elements do not fill shape \(shape)")
        }
        self.shape = shape
        self.data = data
    }

    /// Internal unchecked initialiser for results whose shape is known to be right.
    init(unchecked shape: [Int], _ data: [Double]) {
        self.shape = shape
        self.data = data
    }

    /// A vector.
    public init(_ vector: [Double]) {
        self.shape = [vector.count]
        self.data = vector
    }

    /// A matrix from rows; throws if the rows differ in length.
    public init(rows: [[Double]], argument: String = "tensor") throws {
        let width = rows.first?.count ?? 0
        for row in rows where row.count != width {
            throw LossError.badShape(argument: argument, reason: "rows of different lengths (\(width) and \(row.count))")
        }
        self.shape = [rows.count, width]
        self.data = rows.flatMap { $0 }
    }

    /// A rank-3 tensor from nested arrays; throws if it is not rectangular.
    public init(blocks: [[[Double]]], argument: String = "tensor") throws {
        let rows = blocks.first?.count ?? 0
        let width = blocks.first?.first?.count ?? 0
        var data: [Double] = []
        data.reserveCapacity(blocks.count * rows * width)
        for block in blocks {
            guard block.count == rows else {
                throw LossError.badShape(argument: argument, reason: "blocks of different lengths")
            }
            for row in block {
                guard row.count == width else {
                    throw LossError.badShape(argument: argument, reason: "rows of different lengths")
                }
                data.append(contentsOf: row)
            }
        }
        self.shape = [blocks.count, rows, width]
        self.data = data
    }

    /// Number of elements.
    public var count: Int { data.count }
    /// Number of dimensions.
    public var rank: Int { shape.count }

    /// The rows of a rank-2 tensor (empty for other ranks).
    public var rows: [[Double]] {
        guard shape.count == 2 else { return [] }
        let width = shape[1]
        return (0..<shape[0]).map { Array(data[($0 * width)..<(($0 + 1) * width)]) }
    }
}

/// A dynamically typed value: what the catalog and the `lossbook eval` protocol pass around.
///
/// Numbers, booleans, strings and (nested) arrays. Arrays of numbers are tensors; their shape
/// is read with ``shape`` and their elements with ``flattened()``.
public enum EngineValue: Equatable, Sendable {
    case number(Double)
    case bool(Bool)
    case string(String)
    case array([EngineValue])

    // MARK: Building

    /// A vector of numbers.
    public init(_ vector: [Double]) { self = .array(vector.map { .number($0) }) }
    /// A matrix of numbers.
    public init(_ rows: [[Double]]) { self = .array(rows.map { EngineValue($0) }) }
    /// A vector of integers.
    public init(_ ints: [Int]) { self = .array(ints.map { .number(Double($0)) }) }

    /// Nested arrays of the given shape from flat row-major data (a number for shape `[]`).
    /// Returns `.array([])` if the data does not fill the shape.
    public init(shape: [Int], flat: [Double]) {
        var count = 1
        for d in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow, d >= 0 else { self = .array([]); return }
            count = product
        }
        guard count == flat.count else { self = .array([]); return }
        if shape.isEmpty { self = .number(flat.first ?? 0); return }
        self = EngineValue.build(shape[...], flat[...])
    }

    /// Nested arrays holding a tensor.
    public init(_ tensor: Tensor) { self.init(shape: tensor.shape, flat: tensor.data) }

    private static func build(_ shape: ArraySlice<Int>, _ flat: ArraySlice<Double>) -> EngineValue {
        guard let first = shape.first else { return .number(flat.first ?? 0) }
        let rest = shape.dropFirst()
        if rest.isEmpty { return .array(flat.map { .number($0) }) }
        let stride = rest.reduce(1, *)
        var items: [EngineValue] = []
        items.reserveCapacity(first)
        for i in 0..<first {
            let start = flat.startIndex + i * stride
            items.append(build(rest, flat[start..<(start + stride)]))
        }
        return .array(items)
    }

    // MARK: Reading

    /// The number, if this is one.
    public var doubleValue: Double? {
        if case .number(let x) = self { return x }
        return nil
    }

    /// The boolean, if this is one.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The string, if this is one.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [EngineValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The shape of a rectangular nested array of numbers (`[]` for a number), or nil if this
    /// is ragged or holds something other than numbers.
    public var shape: [Int]? {
        switch self {
        case .number: return []
        case .bool, .string: return nil
        case .array(let items):
            guard let first = items.first else { return [0] }
            // A vector of numbers, the common case (a plotted curve, a batch), without a shape
            // made and compared for each of its numbers.
            if case .number = first, items.allSatisfy({ if case .number = $0 { true } else { false } }) { return [items.count] }
            guard let inner = first.shape else { return nil }
            for item in items.dropFirst() where item.shape != inner { return nil }
            return [items.count] + inner
        }
    }

    /// All numbers in row-major order, or nil if anything else is found.
    public func flattened() -> [Double]? {
        if case .number(let x) = self { return [x] }
        if let vector = doubles { return vector }
        var out: [Double] = []
        func walk(_ v: EngineValue) -> Bool {
            switch v {
            case .number(let x): out.append(x); return true
            case .bool, .string: return false
            case .array(let items):
                for item in items where !walk(item) { return false }
                return true
            }
        }
        return walk(self) ? out : nil
    }

    /// A vector of numbers, or nil.
    public var doubles: [Double]? {
        guard case .array(let items) = self else { return nil }
        var out: [Double] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard case .number(let x) = item else { return nil }
            out.append(x)
        }
        return out
    }

    /// A matrix of numbers (rows may differ in length), or nil.
    public var matrix: [[Double]]? {
        guard case .array(let items) = self else { return nil }
        var out: [[Double]] = []
        for item in items {
            guard let row = item.doubles else { return nil }
            out.append(row)
        }
        return out
    }

    /// A rectangular numeric array as a tensor, or nil.
    public var tensor: Tensor? {
        guard let shape = shape, let flat = flattened() else { return nil }
        return Tensor(unchecked: shape, flat)
    }

    /// A short name of the kind of value, for error messages.
    public var kindName: String {
        switch self {
        case .number: return "a number"
        case .bool: return "a boolean"
        case .string(let s): return "the string \"\(s.count > 20 ? String(s.prefix(20)) + "…" : s)\""
        case .array: return "an array"
        }
    }
}

extension EngineValue: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: EngineValue...) { self = .array(elements) }
}

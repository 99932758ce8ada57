import Foundation

/// Typed access to a catalog call's arguments (defaults already filled in). Each accessor
/// throws a ``LossError`` naming the argument when the value has the wrong kind or shape.
struct Arguments {
    let loss: String
    let values: [String: EngineValue]
    /// Maximum number of numbers in one argument.
    static let elementLimit = 4_000_000

    func value(_ name: String) throws -> EngineValue {
        guard let v = values[name] else { throw LossError.missingArgument(loss: loss, argument: name) }
        return v
    }

    func has(_ name: String) -> Bool { values[name] != nil }

    /// A rectangular array of finite numbers (a number is a tensor of shape []).
    func tensor(_ name: String) throws -> Tensor {
        let v = try value(name)
        switch v {
        case .bool, .string:
            throw LossError.wrongType(argument: name, expected: "an array of numbers", found: v.kindName)
        case .number, .array:
            guard let flat = v.flattened() else {
                throw LossError.wrongType(argument: name, expected: "an array of numbers", found: Arguments.firstNonNumber(v))
            }
            guard flat.count <= Arguments.elementLimit else {
                throw LossError.tooLarge(argument: name, count: flat.count, limit: Arguments.elementLimit)
            }
            guard let shape = v.shape else {
                throw LossError.badShape(argument: name, reason: "ragged array (rows of different lengths)")
            }
            try Check.finite(flat, name)
            return Tensor(unchecked: shape, flat)
        }
    }

    static func firstNonNumber(_ v: EngineValue) -> String {
        switch v {
        case .number: return "a number"
        case .bool, .string: return v.kindName
        case .array(let items):
            for item in items {
                if case .number = item { continue }
                if case .array(let inner) = item, inner.allSatisfy({ $0.doubleValue != nil }) { continue }
                return firstNonNumber(item)
            }
            return "non-numeric elements"
        }
    }

    func tensor(_ name: String, rank: Int, _ what: String) throws -> Tensor {
        let t = try tensor(name)
        try Check.rank(t, rank, name, what)
        return t
    }

    /// A vector (rank 1); a single number is accepted as a vector of one.
    func vector(_ name: String) throws -> [Double] {
        let t = try tensor(name)
        if t.rank == 0 { return t.data }
        try Check.rank(t, 1, name, "a vector")
        return t.data
    }

    func optionalVector(_ name: String) throws -> [Double]? {
        has(name) ? try vector(name) : nil
    }

    func number(_ name: String) throws -> Double {
        let v = try value(name)
        guard case .number(let x) = v else {
            throw LossError.wrongType(argument: name, expected: "a number", found: v.kindName)
        }
        try Check.finite(x, name)
        return x
    }

    func int(_ name: String) throws -> Int {
        let x = try number(name)
        return try Arguments.integer(x, name)
    }

    static func integer(_ x: Double, _ name: String) throws -> Int {
        guard x == x.rounded(), Swift.abs(x) < 9e15 else { throw LossError.notAnInteger(argument: name, value: x) }
        return Int(x)
    }

    /// Integers of any shape, with the shape.
    func ints(_ name: String) throws -> (shape: [Int], values: [Int]) {
        let t = try tensor(name)
        return (t.shape, try t.data.map { try Arguments.integer($0, name) })
    }

    func intVector(_ name: String) throws -> [Int] {
        let t = try tensor(name)
        if t.rank > 1 { try Check.rank(t, 1, name, "a vector of integers") }
        return try t.data.map { try Arguments.integer($0, name) }
    }

    func bool(_ name: String) throws -> Bool {
        let v = try value(name)
        switch v {
        case .bool(let b): return b
        case .number(let x) where x == 0 || x == 1: return x == 1
        default: throw LossError.wrongType(argument: name, expected: "a boolean", found: v.kindName)
        }
    }

    func string(_ name: String, options: [String]) throws -> String {
        let v = try value(name)
        guard case .string(let s) = v else {
            throw LossError.wrongType(argument: name, expected: "a string", found: v.kindName)
        }
        guard options.isEmpty || options.contains(s) else {
            throw LossError.unknownOption(argument: name, value: s, allowed: options)
        }
        return s
    }

    /// Two tensors that must have the same shape (the second is checked against the first).
    func pair(_ a: String, _ b: String) throws -> (Tensor, Tensor) {
        let x = try tensor(a)
        let y = try tensor(b)
        try Check.shape(y, x.shape, b)
        return (x, y)
    }

    /// A tensor that must have `shape`, or be a single number broadcast to it.
    func parameter(_ name: String, like shape: [Int]) throws -> [Double] {
        let t = try tensor(name)
        if t.shape == shape { return t.data }
        if t.count == 1 { return t.data }
        throw LossError.shapeMismatch(argument: name, expected: shape, found: t.shape)
    }
}

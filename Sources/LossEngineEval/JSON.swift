import JSONWriting
import LossEngine

/// A small JSON reader and writer for the eval protocol.
///
/// Written for this job rather than using Foundation's `JSONSerialization` so that: numbers are
/// read with Swift's correctly rounded `Double(_: String)` (they read back bit-for-bit), booleans
/// never turn into numbers, object keys keep their order, and nesting depth and element count are
/// bounded (a huge or hostile line yields an error, not a crash).
enum JSON: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([Field])
    /// Text written as is (used to echo an integral id as an integer).
    case raw(String)

    struct Field: Equatable, Sendable {
        let key: String
        let value: JSON
    }

    subscript(key: String) -> JSON? {
        guard case .object(let fields) = self else { return nil }
        return fields.first { $0.key == key }?.value
    }

    // MARK: Writing

    /// A double so that it reads back as the same double: Swift's description is the shortest
    /// round-tripping form. Non-finite values become the strings "Infinity", "-Infinity", "NaN".
    static func format(_ x: Double) -> String {
        if x.isNaN { return "\"NaN\"" }
        if x.isInfinite { return x > 0 ? "\"Infinity\"" : "\"-Infinity\"" }
        return "\(x)"
    }

    /// `s` as a quoted JSON string, by lossbook's one JSON writer.
    static func quote(_ s: String) -> String {
        JSONText.literal(s)
    }

    func serialized(spaced: Bool = false) -> String {
        var out = ""
        write(to: &out, spaced: spaced)
        return out
    }

    func write(to out: inout String, spaced: Bool) {
        let comma = spaced ? ", " : ","
        let colon = spaced ? ": " : ":"
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let x): out += JSON.format(x)
        case .raw(let text): out += text
        case .string(let s): out += JSON.quote(s)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += comma }
                item.write(to: &out, spaced: spaced)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (i, field) in fields.enumerated() {
                if i > 0 { out += comma }
                out += JSON.quote(field.key) + colon
                field.value.write(to: &out, spaced: spaced)
            }
            out += "}"
        }
    }

    init(_ value: EngineValue) {
        switch value {
        case .number(let x): self = .number(x)
        case .bool(let b): self = .bool(b)
        case .string(let s): self = .string(s)
        case .array(let items): self = .array(items.map { JSON($0) })
        }
    }

    // MARK: Reading

    static let depthLimit = 64
    static let elementLimit = 4_000_000

    /// Parses one JSON text; throws ``LossError/malformedInput(_:)`` describing the problem.
    static func parse(_ text: String) throws -> JSON {
        var parser = Parser(bytes: Array(text.utf8))
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.pos == parser.bytes.count else { throw parser.fail("unexpected text after the JSON value") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var pos = 0
        var elements = 0

        func fail(_ what: String) -> LossError {
            .malformedInput("not valid JSON: \(what) at byte \(pos)")
        }

        mutating func skipSpace() {
            while pos < bytes.count, bytes[pos] == 0x20 || bytes[pos] == 0x09 || bytes[pos] == 0x0A || bytes[pos] == 0x0D {
                pos += 1
            }
        }

        mutating func literal(_ word: String, _ value: JSON) throws -> JSON {
            let w = Array(word.utf8)
            guard pos + w.count <= bytes.count, Array(bytes[pos..<(pos + w.count)]) == w else { throw fail("unknown literal") }
            pos += w.count
            return value
        }

        mutating func value(depth: Int) throws -> JSON {
            guard depth < JSON.depthLimit else { throw LossError.malformedInput("JSON nested deeper than \(JSON.depthLimit) levels") }
            elements += 1
            guard elements <= JSON.elementLimit else {
                throw LossError.malformedInput("too many JSON values in one line (limit \(JSON.elementLimit))")
            }
            guard pos < bytes.count else { throw fail("unexpected end of input") }
            switch bytes[pos] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            case UInt8(ascii: "n"): return try literal("null", .null)
            default: return .number(try number())
            }
        }

        mutating func object(depth: Int) throws -> JSON {
            pos += 1
            var fields: [Field] = []
            skipSpace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") { pos += 1; return .object(fields) }
            while true {
                skipSpace()
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw fail("expected a key") }
                let key = try string()
                skipSpace()
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                pos += 1
                skipSpace()
                let v = try value(depth: depth + 1)
                fields.append(Field(key: key, value: v))
                skipSpace()
                guard pos < bytes.count else { throw fail("unterminated object") }
                if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
                if bytes[pos] == UInt8(ascii: "}") { pos += 1; return .object(fields) }
                throw fail("expected ',' or '}'")
            }
        }

        mutating func array(depth: Int) throws -> JSON {
            pos += 1
            var items: [JSON] = []
            skipSpace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(items) }
            while true {
                skipSpace()
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard pos < bytes.count else { throw fail("unterminated array") }
                if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
                if bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(items) }
                throw fail("expected ',' or ']'")
            }
        }

        mutating func hex4() throws -> UInt32 {
            guard pos + 4 <= bytes.count else { throw fail("bad \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[pos]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: throw fail("bad \\u escape")
                }
                v = v * 16 + d
                pos += 1
            }
            return v
        }

        mutating func string() throws -> String {
            pos += 1
            var buffer: [UInt8] = []
            while true {
                guard pos < bytes.count else { throw fail("unterminated string") }
                let c = bytes[pos]
                if c == UInt8(ascii: "\"") { pos += 1; break }
                if c < 0x20 { throw fail("control character in string") }
                if c == UInt8(ascii: "\\") {
                    pos += 1
                    guard pos < bytes.count else { throw fail("unterminated escape") }
                    let e = bytes[pos]
                    pos += 1
                    switch e {
                    case UInt8(ascii: "\""): buffer.append(0x22)
                    case UInt8(ascii: "\\"): buffer.append(0x5C)
                    case UInt8(ascii: "/"): buffer.append(0x2F)
                    case UInt8(ascii: "b"): buffer.append(0x08)
                    case UInt8(ascii: "f"): buffer.append(0x0C)
                    case UInt8(ascii: "n"): buffer.append(0x0A)
                    case UInt8(ascii: "r"): buffer.append(0x0D)
                    case UInt8(ascii: "t"): buffer.append(0x09)
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if code >= 0xD800 && code < 0xDC00 {
                            guard pos + 6 <= bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") else {
                                throw fail("unpaired surrogate")
                            }
                            pos += 2
                            let low = try hex4()
                            guard low >= 0xDC00 && low < 0xE000 else { throw fail("unpaired surrogate") }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let scalar = Unicode.Scalar(code) else { throw fail("invalid code point") }
                        buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
                    default: throw fail("unknown escape")
                    }
                } else {
                    buffer.append(c)
                    pos += 1
                }
            }
            return String(decoding: buffer, as: UTF8.self)
        }

        mutating func number() throws -> Double {
            let start = pos
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            func digits() -> Int {
                let s = pos
                while pos < bytes.count, bytes[pos] >= 0x30, bytes[pos] <= 0x39 { pos += 1 }
                return pos - s
            }
            guard pos < bytes.count else { throw fail("expected a value") }
            if bytes[pos] == UInt8(ascii: "0") {
                pos += 1
            } else if digits() == 0 {
                throw fail("expected a value")
            }
            if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
                pos += 1
                guard digits() > 0 else { throw fail("expected digits after '.'") }
            }
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
                pos += 1
                if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
                guard digits() > 0 else { throw fail("expected exponent digits") }
            }
            let text = String(decoding: bytes[start..<pos], as: UTF8.self)
            guard let x = Double(text) else { throw fail("bad number") }
            return x
        }
    }
}

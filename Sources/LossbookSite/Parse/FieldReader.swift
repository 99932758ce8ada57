/// Reads the fields of a YAML mapping with types, collecting every problem with its position
/// instead of stopping at the first. Front matter and every directive read their fields through it.
public struct FieldReader {
    public let path: String
    /// What the mapping is, for messages: "front matter", "the plot directive".
    public let subject: String
    public let position: SourcePosition
    public private(set) var diagnostics: [Diagnostic] = []
    private let pairs: [YAMLPair]
    private var consumed: Set<String> = []

    /// A reader over `value`, which must be a mapping (an empty body counts as an empty mapping).
    public init(_ value: YAMLValue, path: String, subject: String) {
        self.path = path
        self.subject = subject
        self.position = value.position
        switch value {
        case .mapping(let pairs, _):
            self.pairs = pairs
        case .null:
            self.pairs = []
        default:
            self.pairs = []
            diagnostics.append(.error(.yamlNotMapping, at: location(value.position),
                                      "\(subject) must be a mapping of 'field: value' lines, found \(value.kindName)"))
        }
        var seen: Set<String> = []
        for pair in pairs where !seen.insert(pair.key).inserted {
            diagnostics.append(.error(.yamlDuplicateField, at: location(pair.keyPosition),
                                      "field '\(pair.key)' appears twice in \(subject)"))
        }
    }

    public func location(_ position: SourcePosition) -> SourceLocation {
        SourceLocation(path: path, position)
    }

    public mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    public mutating func error(_ id: DiagnosticID, at position: SourcePosition, _ message: String) {
        diagnostics.append(.error(id, at: location(position), message))
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The raw value of a field, marking it as known.
    public mutating func value(_ key: String, required: Bool = false) -> YAMLValue? {
        consumed.insert(key)
        guard let pair = pairs.first(where: { $0.key == key }) else {
            if required {
                diagnostics.append(.error(.fieldMissing, at: location(position),
                                          "\(subject) is missing the required field '\(key)'"))
            }
            return nil
        }
        if case .null = pair.value {
            if required {
                diagnostics.append(.error(.fieldMissing, at: location(pair.keyPosition),
                                          "field '\(key)' of \(subject) has no value"))
            }
            return nil
        }
        return pair.value
    }

    public mutating func string(_ key: String, required: Bool = false) -> String? {
        guard let value = value(key, required: required) else { return nil }
        guard case .scalar(let text, _, _, _) = value else {
            typeError(key, value, expected: "a string")
            return nil
        }
        return text
    }

    public mutating func double(_ key: String, required: Bool = false) -> Double? {
        guard let value = value(key, required: required) else { return nil }
        guard let number = Self.number(value) else {
            typeError(key, value, expected: "a number")
            return nil
        }
        return number
    }

    public mutating func int(_ key: String, required: Bool = false) -> Int? {
        guard let value = value(key, required: required) else { return nil }
        guard case .scalar(let text, true, _, _) = value, let number = Int(text) else {
            typeError(key, value, expected: "a whole number")
            return nil
        }
        return number
    }

    public mutating func bool(_ key: String, required: Bool = false) -> Bool? {
        guard let value = value(key, required: required) else { return nil }
        guard case .scalar(let text, true, _, _) = value, let flag = Self.bool(text) else {
            typeError(key, value, expected: "true or false")
            return nil
        }
        return flag
    }

    public mutating func doubles(_ key: String, required: Bool = false) -> [Double]? {
        guard let value = value(key, required: required) else { return nil }
        guard case .sequence(let items, _) = value else {
            typeError(key, value, expected: "a list of numbers")
            return nil
        }
        var result: [Double] = []
        for item in items {
            guard let number = Self.number(item) else {
                error(.fieldType, at: item.position, "field '\(key)' of \(subject) must be a list of numbers; '\(Self.describe(item))' is not a number")
                return nil
            }
            result.append(number)
        }
        return result
    }

    public mutating func strings(_ key: String, required: Bool = false) -> [String]? {
        guard let value = value(key, required: required) else { return nil }
        if case .scalar(let text, _, _, _) = value { return [text] }
        guard case .sequence(let items, _) = value else {
            typeError(key, value, expected: "a list of strings")
            return nil
        }
        var result: [String] = []
        for item in items {
            guard case .scalar(let text, _, _, _) = item else {
                typeError(key, item, expected: "a list of strings")
                return nil
            }
            result.append(text)
        }
        return result
    }

    /// Reports every field that no one asked for, with the known ones as a hint.
    public mutating func rejectUnknownFields(severity: Diagnostic.Severity = .error) {
        let known = consumed.sorted()
        for pair in pairs where !consumed.contains(pair.key) {
            let long = pair.key.count > 60
            let suggestion = long ? "" : Spelling.closest(to: pair.key, among: known).map { " (did you mean '\($0)'?)" } ?? ""
            let name = long ? "\(pair.key.prefix(60))…" : pair.key
            diagnostics.append(Diagnostic(severity, .fieldUnknown, at: location(pair.keyPosition),
                                          "unknown field '\(name)' in \(subject)\(suggestion); known fields: \(known.joined(separator: ", "))"))
        }
    }

    private mutating func typeError(_ key: String, _ value: YAMLValue, expected: String) {
        error(.fieldType, at: value.position,
              "field '\(key)' of \(subject) must be \(expected), found \(Self.describe(value))")
    }

    /// A value as quoted in a message: at most 60 characters of a scalar, so that a hostile one
    /// does not flood the terminal.
    static func describe(_ value: YAMLValue) -> String {
        switch value {
        case .scalar(let text, _, _, _): text.count <= 60 ? "'\(text)'" : "'\(text.prefix(60))…' (\(text.utf8.count) bytes)"
        default: value.kindName
        }
    }

    /// YAML 1.2 core-schema numbers, plus `.inf`/`-.inf`; quoted strings are never numbers.
    public static func number(_ value: YAMLValue) -> Double? {
        guard case .scalar(let text, true, _, _) = value else { return nil }
        switch text {
        case ".inf", ".Inf", "+.inf": return .infinity
        case "-.inf", "-.Inf": return -.infinity
        default: return Double(text)
        }
    }

    static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }
}

/// "Did you mean …?" for misspelt names.
/// Edit distance with adjacent transpositions (optimal string alignment).
enum Spelling {
    static func closest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(1, word.count / 3) else { return nil }
        return best.0
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var beforePrevious = previous
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                // A swap of two neighbours (`plto`) is one slip, not two.
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            beforePrevious = previous
            previous = current
        }
        return previous[b.count]
    }
}

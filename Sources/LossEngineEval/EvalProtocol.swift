import LossEngine

/// The `lossbook eval` protocol (`eval-protocol.md`): one JSON case per line in, one JSON
/// answer per line out. The command only moves lines; everything testable lives here.
public enum EvalProtocol {
    /// The answer to one input line.
    public struct Answer: Equatable, Sendable {
        /// The output line (without newline).
        public let line: String
        /// True if the line is an error answer.
        public let isError: Bool
    }

    /// Answers one JSON-lines case. Never throws and never traps: anything wrong becomes
    /// `{"id": ..., "error": "..."}`.
    public static func answer(line: String) -> Answer {
        var id = JSON.null
        do {
            let trimmed = line.trimmingSpaces()
            guard !trimmed.isEmpty else { throw LossError.malformedInput("empty line") }
            let json = try JSON.parse(trimmed)
            guard case .object = json else { throw LossError.malformedInput("a case must be a JSON object") }
            id = json["id"] ?? .null
            if case .number(let x) = id, x == x.rounded(), Swift.abs(x) < 1e15 { id = .raw(String(Int(x))) }
            let loss: String
            switch json["loss"] {
            case .string(let s)?: loss = s
            case nil, .null?: throw LossError.malformedInput("field 'loss' is missing")
            default: throw LossError.malformedInput("field 'loss' must be a string")
            }
            var reduction = Reduction.mean
            switch json["reduction"] {
            case nil, .null?: break
            case .string(let s)?:
                guard let r = Reduction(rawValue: s) else {
                    throw LossError.unknownOption(argument: "reduction", value: s, allowed: Reduction.allCases.map(\.rawValue))
                }
                reduction = r
            default: throw LossError.wrongType(argument: "reduction", expected: "a string", found: "another JSON value")
            }
            var args: [String: EngineValue] = [:]
            switch json["args"] {
            case nil, .null?: break
            case .object(let fields)?:
                for field in fields {
                    if let v = try engineValue(field.value, argument: field.key) { args[field.key] = v }
                }
            default: throw LossError.malformedInput("field 'args' must be an object")
            }
            let evaluation = try LossCatalog.evaluate(loss, args: args, reduction: reduction)
            let order = LossCatalog.descriptor(named: loss)?.differentiable ?? []
            var grad: [JSON.Field] = []
            for name in order {
                if let g = evaluation.gradients[name] { grad.append(JSON.Field(key: name, value: JSON(g))) }
            }
            let out = JSON.object([
                JSON.Field(key: "id", value: id),
                JSON.Field(key: "value", value: JSON(evaluation.value)),
                JSON.Field(key: "grad", value: .object(grad)),
            ])
            return Answer(line: out.serialized(), isError: false)
        } catch {
            let message = (error as? LossError)?.description ?? "\(error)"
            let out = JSON.object([JSON.Field(key: "id", value: id), JSON.Field(key: "error", value: .string(message))])
            return Answer(line: out.serialized(), isError: true)
        }
    }

    /// The longest input line answered, in bytes: room for the engine's largest case
    /// (``JSON/elementLimit`` numbers of about 25 characters each). A longer line is answered
    /// with an error by ``answer(lineTooLong:)`` and never held in memory whole.
    public static let lineLimit = 128 << 20

    /// The error answer to a line longer than ``lineLimit`` (its id cannot be known).
    public static func answer(lineTooLong bytes: Int) -> Answer {
        let message = LossError.malformedInput("line of \(bytes) bytes, longer than the limit of \(lineLimit) bytes").description
        let out = JSON.object([JSON.Field(key: "id", value: .null), JSON.Field(key: "error", value: .string(message))])
        return Answer(line: out.serialized(), isError: true)
    }

    /// One line of input as a bounded reader gives it: its text, or only its length when it is
    /// longer than ``lineLimit``.
    public enum Input: Equatable, Sendable {
        case text(String)
        case tooLong(bytes: Int)
    }

    /// Answers every input, in order, through `write`; returns true if any answer was an error.
    public static func run(_ inputs: some Sequence<Input>, write: (String) -> Void) -> Bool {
        var anyError = false
        for input in inputs {
            let a: Answer
            switch input {
            case .text(let line): a = answer(line: line)
            case .tooLong(let bytes): a = answer(lineTooLong: bytes)
            }
            anyError = anyError || a.isError
            write(a.line)
        }
        return anyError
    }

    /// Answers every line, in order, through `write`; returns true if any answer was an error.
    public static func run(lines: some Sequence<String>, write: (String) -> Void) -> Bool {
        run(lines.lazy.map(Input.text), write: write)
    }

    /// JSON → engine value; `null` means "not given" (nil). Objects are rejected.
    static func engineValue(_ json: JSON, argument: String) throws -> EngineValue? {
        switch json {
        case .null: return nil
        case .bool(let b): return .bool(b)
        case .number(let x): return .number(x)
        case .raw(let text): return .number(Double(text) ?? .nan)
        case .string(let s): return .string(s)
        case .array(let items):
            var out: [EngineValue] = []
            out.reserveCapacity(items.count)
            for item in items {
                guard let v = try engineValue(item, argument: argument) else {
                    throw LossError.wrongType(argument: argument, expected: "numbers", found: "null inside an array")
                }
                out.append(v)
            }
            return .array(out)
        case .object:
            throw LossError.wrongType(argument: argument, expected: "a number, boolean, string or array", found: "an object")
        }
    }

    // MARK: Listing

    /// `lossbook eval --list --json`: every loss with its arguments, defaults, differentiable
    /// arguments and reductions, as one JSON array.
    public static func listJSON() -> String {
        let items: [JSON] = LossCatalog.all.map { d in
            let args: [JSON] = d.args.map { a in
                var fields = [
                    JSON.Field(key: "name", value: .string(a.name)),
                    JSON.Field(key: "kind", value: .string(a.kind.rawValue)),
                    JSON.Field(key: "default", value: a.defaultValue.map { JSON($0) } ?? .null),
                    JSON.Field(key: "required", value: .bool(a.isRequired)),
                ]
                if !a.options.isEmpty { fields.append(JSON.Field(key: "options", value: .array(a.options.map { .string($0) }))) }
                if !a.summary.isEmpty { fields.append(JSON.Field(key: "summary", value: .string(a.summary))) }
                return .object(fields)
            }
            return .object([
                JSON.Field(key: "name", value: .string(d.name)),
                JSON.Field(key: "aliases", value: .array(d.aliases.map { .string($0) })),
                JSON.Field(key: "family", value: .string(d.family.rawValue)),
                JSON.Field(key: "summary", value: .string(d.summary)),
                JSON.Field(key: "args", value: .array(args)),
                JSON.Field(key: "differentiable", value: .array(d.differentiable.map { .string($0) })),
                JSON.Field(key: "reductions", value: .array(d.reductions.map { .string($0.rawValue) })),
                JSON.Field(key: "reference", value: .string(d.reference)),
            ])
        }
        return JSON.array(items).serialized()
    }

    /// `lossbook eval --list`: the same, for people.
    public static func listText() -> String {
        var out = ""
        var family: LossFamily?
        for d in LossCatalog.all {
            if d.family != family {
                family = d.family
                out += (out.isEmpty ? "" : "\n") + "## \(d.family.rawValue)\n"
            }
            out += describe(d)
        }
        return out
    }
}

extension EvalProtocol {
    /// One loss for people: name, aliases, summary, arguments with kinds and defaults,
    /// differentiable arguments, reductions and reference.
    public static func describe(_ d: LossDescriptor) -> String {
        var out = ""
        let alias = d.aliases.isEmpty ? "" : " (alias \(d.aliases.joined(separator: ", ")))"
        out += "\(d.name)\(alias): \(d.summary)\n"
        for a in d.args {
            var line = "    --\(a.name.replacingUnderscores()) <\(a.kind.rawValue)>"
            if let v = a.defaultValue {
                line += " = \(JSON(v).serialized())"
            } else if !a.isRequired {
                line += " (optional)"
            }
            if !a.options.isEmpty { line += " one of \(a.options.joined(separator: "|"))" }
            if !a.summary.isEmpty { line += "  \(a.summary)" }
            out += line + "\n"
        }
        let grad = d.differentiable.isEmpty ? "none" : d.differentiable.joined(separator: ", ")
        out += "    gradient: \(grad); reductions: \(d.reductions.map(\.rawValue).joined(separator: ", ")); \(d.reference)\n"
        return out
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\r" || c == "\n" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" || c == "\n" { s.removeLast() }
        return String(s)
    }

    func replacingUnderscores() -> String { String(map { $0 == "_" ? "-" : $0 }) }
}

import LossEngine

/// The human form of `lossbook eval`:
/// `lossbook eval huber --input 0.5,2,-3 --target 0,0,0 --delta 1 [--reduction mean]`.
public enum HumanForm {
    /// A parsed command line: loss name, arguments, reduction.
    public struct Request: Equatable, Sendable {
        public var loss: String
        public var args: [String: EngineValue]
        public var reduction: Reduction
    }

    /// Parses `tokens` (the loss name, then `--name value` pairs; `--label-smoothing` is
    /// `label_smoothing`). Values are read by the argument's kind: arrays as JSON (`[[1,2]]`) or
    /// comma-separated numbers, a bare boolean flag as `true`.
    public static func parse(_ tokens: [String]) throws -> Request {
        guard let loss = tokens.first, !loss.hasPrefix("--") else {
            throw LossError.malformedInput("expected a loss name first (see `lossbook eval --list`)")
        }
        guard let d = LossCatalog.descriptor(named: loss) else { throw LossError.unknownLoss(loss) }
        var args: [String: EngineValue] = [:]
        var reduction = Reduction.mean
        var i = 1
        while i < tokens.count {
            let token = tokens[i]
            guard token.hasPrefix("--"), token.count > 2 else {
                throw LossError.malformedInput("expected an option like --input, found '\(token)'")
            }
            var name = String(token.dropFirst(2))
            var inline: String?
            if let eq = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            name = String(name.map { $0 == "-" ? "_" : $0 })
            let next: String? = inline ?? (i + 1 < tokens.count && !isOption(tokens[i + 1]) ? tokens[i + 1] : nil)
            let consumed = inline == nil && next != nil ? 2 : 1
            if name == "reduction" {
                guard let text = next else { throw LossError.malformedInput("--reduction needs a value") }
                guard let r = Reduction(rawValue: text) else {
                    throw LossError.unknownOption(argument: "reduction", value: text, allowed: Reduction.allCases.map(\.rawValue))
                }
                reduction = r
            } else {
                guard let spec = d.arg(name) else { throw LossError.unknownArgument(loss: d.name, argument: name) }
                if spec.kind == .bool && next == nil {
                    args[name] = .bool(true)
                } else {
                    guard let text = next else { throw LossError.invalidArgument(argument: name, reason: "needs a value") }
                    args[name] = try value(text, kind: spec.kind, argument: name)
                }
            }
            i += consumed
        }
        return Request(loss: d.name, args: args, reduction: reduction)
    }

    /// "--x" is an option; "-3" or "-1,2" is a value.
    static func isOption(_ token: String) -> Bool {
        token.hasPrefix("--") && token.count > 2 && !(token.dropFirst(2).first?.isNumber ?? false)
    }

    static func value(_ text: String, kind: ArgKind, argument: String) throws -> EngineValue {
        switch kind {
        case .string: return .string(text)
        case .bool:
            switch text.lowercased() {
            case "true", "1", "yes": return .bool(true)
            case "false", "0", "no": return .bool(false)
            default: throw LossError.wrongType(argument: argument, expected: "true or false", found: "'\(text)'")
            }
        case .number:
            guard let x = Double(text) else { throw LossError.wrongType(argument: argument, expected: "a number", found: "'\(text)'") }
            return .number(x)
        case .array, .intArray:
            let t = text.trimmingSpaces()
            if t.hasPrefix("[") || t.hasPrefix("\"") {
                guard let v = try EvalProtocol.engineValue(try JSON.parse(t), argument: argument) else {
                    throw LossError.wrongType(argument: argument, expected: "an array", found: "null")
                }
                if case .array = v { return v }
                return .array([v])
            }
            let parts = t.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
            let numbers = parts.map { Double($0) }
            if numbers.allSatisfy({ $0 != nil }) { return .array(numbers.map { .number($0 ?? 0) }) }
            return .array(parts.map { .string($0) })
        }
    }

    /// Evaluates a request and formats value, per-item values and gradients for people.
    /// `<loss> --help` describes the loss instead.
    public static func run(_ tokens: [String]) throws -> String {
        if tokens.count > 1, tokens.dropFirst().contains(where: { $0 == "--help" || $0 == "-h" }) {
            guard let d = LossCatalog.descriptor(named: tokens[0]) else { throw LossError.unknownLoss(tokens[0]) }
            return EvalProtocol.describe(d)
        }
        let request = try parse(tokens)
        let result = try LossCatalog.evaluate(request.loss, args: request.args, reduction: request.reduction)
        var out = "\(request.loss) (reduction: \(request.reduction.rawValue))\n"
        out += "value: \(JSON(result.value).serialized(spaced: true))\n"
        if request.reduction != .none, LossCatalog.descriptor(named: request.loss)?.reductions.contains(.none) == true,
           let items = try? LossCatalog.evaluate(request.loss, args: request.args, reduction: .none) {
            out += "per item: \(JSON(items.value).serialized(spaced: true))\n"
        }
        for name in LossCatalog.descriptor(named: request.loss)?.differentiable ?? [] {
            if let g = result.gradients[name] { out += "gradient \(name): \(JSON(g).serialized(spaced: true))\n" }
        }
        return out
    }
}

import Foundation

/// The small arithmetic language of `check` claims and inline values: numbers, named values,
/// `+ - * / ^`, parentheses, the constants `pi` and `e`, and `exp log sqrt abs log1p expm1`.
/// Parsed by recursive descent; every error names the offset in the expression.
struct Expression: Sendable {
    indirect enum Node: Sendable {
        case number(Double)
        case name(String)
        case negate(Node)
        case binary(Character, Node, Node)
        case call(String, Node)
    }

    struct ParseError: Error {
        var offset: Int
        var message: String
    }

    static let functions: [String: @Sendable (Double) -> Double] = [
        "exp": { Foundation.exp($0) }, "log": { Foundation.log($0) }, "sqrt": { $0.squareRoot() },
        "abs": { Swift.abs($0) }, "log1p": { Foundation.log1p($0) }, "expm1": { Foundation.expm1($0) },
        "tanh": { Foundation.tanh($0) }, "sigmoid": { 1 / (1 + Foundation.exp(-$0)) },
    ]
    static let constants: [String: Double] = ["pi": Double.pi, "e": M_E]

    let root: Node

    init(_ text: String) throws(ParseError) {
        // Checked before parsing: the parser, `names`, `evaluate` and the tree's own release all
        // recurse, so a tree's depth and size are bounded here (16,000 nested parentheses crashed).
        guard text.utf8.count <= Limits.expressionBytes else {
            throw ParseError(offset: 0, message: "the expression is longer than \(Limits.expressionBytes) bytes")
        }
        var parser = Parser(characters: Array(text))
        root = try parser.parseExpression()
        parser.skipSpaces()
        if parser.index < parser.characters.count {
            throw ParseError(offset: parser.index, message: "unexpected '\(parser.characters[parser.index])'")
        }
    }

    /// The expression as quoted in a message: its first 60 characters, so that a hostile one does
    /// not flood the terminal.
    static func excerpt(_ text: String) -> String {
        text.count <= 60 ? text : text.prefix(60) + "…"
    }

    /// Names the expression uses that are not constants: the values it needs from `with`.
    var names: Set<String> {
        func collect(_ node: Node) -> Set<String> {
            switch node {
            case .number: []
            case .name(let name): Self.constants[name] == nil ? [name] : []
            case .negate(let inner), .call(_, let inner): collect(inner)
            case .binary(_, let lhs, let rhs): collect(lhs).union(collect(rhs))
            }
        }
        return collect(root)
    }

    func evaluate(_ values: [String: Double]) -> Double {
        func eval(_ node: Node) -> Double {
            switch node {
            case .number(let value): return value
            case .name(let name): return values[name] ?? Self.constants[name] ?? .nan
            case .negate(let inner): return -eval(inner)
            case .call(let name, let argument): return Self.functions[name].map { $0(eval(argument)) } ?? .nan
            case .binary(let op, let lhs, let rhs):
                let (a, b) = (eval(lhs), eval(rhs))
                switch op {
                case "+": return a + b
                case "-": return a - b
                case "*": return a * b
                case "/": return a / b
                default: return Foundation.pow(a, b)
                }
            }
        }
        return eval(root)
    }

    private struct Parser {
        let characters: [Character]
        var index = 0
        /// Open parentheses, unary signs and exponents around the current position.
        var depth = 0
        /// Nodes made so far: a long chain like `1+1+…` nests as deep as it is long.
        var nodes = 0

        mutating func made(_ node: Node) throws(ParseError) -> Node {
            nodes += 1
            guard nodes <= Limits.expressionNodes else {
                throw ParseError(offset: index, message: "the expression has more than \(Limits.expressionNodes) terms and operators")
            }
            return node
        }

        mutating func skipSpaces() {
            while index < characters.count, characters[index].isWhitespace { index += 1 }
        }

        mutating func parseExpression() throws(ParseError) -> Node {
            var node = try parseTerm()
            while true {
                skipSpaces()
                guard index < characters.count, characters[index] == "+" || characters[index] == "-" else { return node }
                let op = characters[index]
                index += 1
                node = try made(.binary(op, node, try parseTerm()))
            }
        }

        mutating func parseTerm() throws(ParseError) -> Node {
            var node = try parseUnary()
            while true {
                skipSpaces()
                guard index < characters.count, characters[index] == "*" || characters[index] == "/" else { return node }
                let op = characters[index]
                index += 1
                node = try made(.binary(op, node, try parseUnary()))
            }
        }

        mutating func parseUnary() throws(ParseError) -> Node {
            depth += 1
            defer { depth -= 1 }
            guard depth <= Limits.expressionDepth else {
                throw ParseError(offset: index, message: "the expression nests deeper than \(Limits.expressionDepth) levels (parentheses, signs, powers)")
            }
            skipSpaces()
            if index < characters.count, characters[index] == "-" {
                index += 1
                return try made(.negate(try parseUnary()))
            }
            if index < characters.count, characters[index] == "+" {
                index += 1
                return try parseUnary()
            }
            return try parsePower()
        }

        mutating func parsePower() throws(ParseError) -> Node {
            let base = try parsePrimary()
            skipSpaces()
            if index < characters.count, characters[index] == "^" {
                index += 1
                return try made(.binary("^", base, try parseUnary()))
            }
            return base
        }

        mutating func parsePrimary() throws(ParseError) -> Node {
            skipSpaces()
            guard index < characters.count else { throw ParseError(offset: index, message: "the expression ends too early") }
            let character = characters[index]
            if character == "(" {
                index += 1
                let inner = try parseExpression()
                skipSpaces()
                guard index < characters.count, characters[index] == ")" else { throw ParseError(offset: index, message: "missing ')'") }
                index += 1
                return inner
            }
            if character.isNumber || character == "." {
                let start = index
                while index < characters.count, characters[index].isNumber || characters[index] == "." { index += 1 }
                if index < characters.count, characters[index] == "e" || characters[index] == "E" {
                    let save = index
                    index += 1
                    if index < characters.count, characters[index] == "+" || characters[index] == "-" { index += 1 }
                    if index < characters.count, characters[index].isNumber {
                        while index < characters.count, characters[index].isNumber { index += 1 }
                    } else {
                        index = save
                    }
                }
                guard let value = Double(String(characters[start..<index])) else {
                    throw ParseError(offset: start, message: "'\(String(characters[start..<index]))' is not a number")
                }
                return try made(.number(value))
            }
            if character.isLetter || character == "_" {
                let start = index
                while index < characters.count, characters[index].isLetter || characters[index].isNumber || characters[index] == "_" { index += 1 }
                let name = String(characters[start..<index])
                skipSpaces()
                if index < characters.count, characters[index] == "(" {
                    guard Expression.functions[name] != nil else {
                        throw ParseError(offset: start, message: "unknown function '\(name)'; known: \(Expression.functions.keys.sorted().joined(separator: ", "))")
                    }
                    index += 1
                    let argument = try parseExpression()
                    skipSpaces()
                    guard index < characters.count, characters[index] == ")" else { throw ParseError(offset: index, message: "missing ')'") }
                    index += 1
                    return try made(.call(name, argument))
                }
                return try made(.name(name))
            }
            throw ParseError(offset: index, message: "unexpected '\(character)'")
        }
    }
}

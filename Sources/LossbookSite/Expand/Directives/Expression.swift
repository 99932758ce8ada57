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

    /// One problem in an expression's text.
    struct ParseError: Error, Equatable {
        /// Characters before the problem, for "at character n" in messages.
        var offset: Int
        /// UTF-8 bytes before the problem: added to the column where the text starts in the
        /// author's file, it gives the problem's column as the rest of the build counts columns.
        var byteOffset: Int
        var message: String
    }

    /// Every problem of an expression, in the order of the text.
    struct ParseErrors: Error, Equatable {
        var errors: [ParseError]
    }

    static let functions: [String: @Sendable (Double) -> Double] = [
        "exp": { Foundation.exp($0) }, "log": { Foundation.log($0) }, "sqrt": { $0.squareRoot() },
        "abs": { Swift.abs($0) }, "log1p": { Foundation.log1p($0) }, "expm1": { Foundation.expm1($0) },
        "tanh": { Foundation.tanh($0) }, "sigmoid": { 1 / (1 + Foundation.exp(-$0)) },
    ]
    static let constants: [String: Double] = ["pi": Double.pi, "e": M_E]

    let root: Node

    /// Parses `text`, collecting every problem rather than stopping at the first: after a
    /// misplaced character the parser skips it and reads on, and reports a problem only once a
    /// token has been read since the last one, so one slip does not come out as a cascade. The
    /// limits stop it at once.
    init(_ text: String) throws(ParseErrors) {
        // Checked before parsing: the parser, `names`, `evaluate` and the tree's own release all
        // recurse, so a tree's depth and size are bounded here (16,000 nested parentheses crashed).
        guard text.utf8.count <= Limits.expressionBytes else {
            throw ParseErrors(errors: [ParseError(offset: 0, byteOffset: 0, message: "the expression is longer than \(Limits.expressionBytes) bytes")])
        }
        var parser = Parser(characters: Array(text))
        let node: Node
        do {
            node = try parser.parseWhole()
        } catch {
            throw ParseErrors(errors: parser.errors + [error])
        }
        guard parser.errors.isEmpty else { throw ParseErrors(errors: parser.errors) }
        root = node
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

    /// Recursive descent over the characters. Problems go to `errors` and parsing goes on; only
    /// the limits throw.
    private struct Parser {
        let characters: [Character]
        /// The UTF-8 offset of each character, and of the end.
        let byteOffsets: [Int]
        var index = 0
        /// Open parentheses, unary signs and exponents around the current position.
        var depth = 0
        /// Nodes made so far: a long chain like `1+1+…` nests as deep as it is long.
        var nodes = 0
        var errors: [ParseError] = []
        /// False after a syntax error until the next token is read.
        var reading = true

        init(characters: [Character]) {
            self.characters = characters
            var offsets: [Int] = []
            offsets.reserveCapacity(characters.count + 1)
            var total = 0
            for character in characters {
                offsets.append(total)
                total += character.utf8.count
            }
            offsets.append(total)
            byteOffsets = offsets
        }

        /// A problem at character `position`. A syntax error right after another one (before any
        /// token was read) is the same slip seen again, and is not reported.
        mutating func report(_ message: String, at position: Int, syntax: Bool) {
            if syntax {
                guard reading else { return }
                reading = false
            }
            errors.append(ParseError(offset: position, byteOffset: byteOffsets[position], message: message))
        }

        /// A limit: parsing stops here.
        func limit(_ message: String) -> ParseError {
            ParseError(offset: index, byteOffset: byteOffsets[index], message: message)
        }

        mutating func made(_ node: Node) throws(ParseError) -> Node {
            nodes += 1
            guard nodes <= Limits.expressionNodes else {
                throw limit("the expression has more than \(Limits.expressionNodes) terms and operators")
            }
            return node
        }

        mutating func skipSpaces() {
            while index < characters.count, characters[index].isWhitespace { index += 1 }
        }

        /// The whole text: an expression, and after it nothing but spaces.
        mutating func parseWhole() throws(ParseError) -> Node {
            let node = try parseExpression()
            skipSpaces()
            while index < characters.count {
                report("unexpected '\(characters[index])'", at: index, syntax: true)
                index += 1
                // What follows may hold problems of its own.
                _ = try parseExpression()
                skipSpaces()
            }
            return node
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
                throw limit("the expression nests deeper than \(Limits.expressionDepth) levels (parentheses, signs, powers)")
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

        /// A number, a name, a call or a parenthesised expression. A character that cannot start
        /// one is reported and skipped (except `)`, which the enclosing parenthesis or the end of
        /// the expression reports); what stands in for a missing operand is NaN, never evaluated.
        mutating func parsePrimary() throws(ParseError) -> Node {
            while true {
                skipSpaces()
                guard index < characters.count else {
                    report("the expression ends too early", at: index, syntax: true)
                    return .number(.nan)
                }
                let character = characters[index]
                if character == "(" {
                    index += 1
                    reading = true
                    let inner = try parseExpression()
                    closeParenthesis()
                    return inner
                }
                if character.isNumber || character == "." {
                    reading = true
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
                        report("'\(String(characters[start..<index]))' is not a number", at: start, syntax: false)
                        return .number(.nan)
                    }
                    return try made(.number(value))
                }
                if character.isLetter || character == "_" {
                    reading = true
                    let start = index
                    while index < characters.count, characters[index].isLetter || characters[index].isNumber || characters[index] == "_" { index += 1 }
                    let name = String(characters[start..<index])
                    skipSpaces()
                    if index < characters.count, characters[index] == "(" {
                        if Expression.functions[name] == nil {
                            report("unknown function '\(name)'; known: \(Expression.functions.keys.sorted().joined(separator: ", "))", at: start, syntax: false)
                        }
                        index += 1
                        let argument = try parseExpression()
                        closeParenthesis()
                        return try made(.call(name, argument))
                    }
                    return try made(.name(name))
                }
                report("unexpected '\(character)'", at: index, syntax: true)
                if character == ")" { return .number(.nan) }
                index += 1
            }
        }

        /// The `)` that closes a group or a call's argument.
        mutating func closeParenthesis() {
            skipSpaces()
            if index < characters.count, characters[index] == ")" {
                index += 1
                reading = true
            } else {
                report("missing ')'", at: index, syntax: true)
            }
        }
    }
}

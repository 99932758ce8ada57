/// An error in the course's macros file.
public struct MacroParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the macros file: 1-based line, column in UTF-8 bytes, as the whole build counts.
    public var position: SourcePosition
    public var message: String

    public init(line: Int, column: Int, message: String) {
        position = SourcePosition(line: line, column: column)
        self.message = message
    }

    public var line: Int { position.line }
    public var column: Int { position.column }

    public var description: String { "\(line):\(column): \(message)" }

    /// The error as a build diagnostic in the macros file at `path`.
    public func diagnostic(path: String) -> Diagnostic {
        .error(.mathMacros, at: SourceLocation(path: path, position), message)
    }
}

extension RenderService {
    /// Parses a macros file (`content/macros.tex`) into KaTeX's `macros` dictionary, which maps a
    /// control sequence (`\R`) to its expansion (`\mathbb{R}`).
    ///
    /// Grammar, one definition after another, with blank lines and `%` comments anywhere between:
    ///
    ///     \newcommand{\name}{body}          also \renewcommand, \providecommand, and a `*` form;
    ///     \newcommand{\name}[n]{body}       the braces around \name are optional; n is 1…9
    ///     \def\name{body}   \def\name#1#2{body}
    ///     \DeclareMathOperator{\name}{text}   → \operatorname{text}
    ///     \DeclareMathOperator*{\name}{text}  → \operatorname*{text}
    ///
    /// A body may span lines; its braces must balance (`\{` and `\}` do not count).
    ///
    /// KaTeX infers a string macro's argument count from the highest `#n` in its body, so a
    /// definition whose body does not use its last declared argument (`[2]` with only `#1`) would
    /// silently take fewer arguments than declared: it is rejected, as are a `#n` above the
    /// declared count, optional arguments (`[n][default]`) and a name defined twice with
    /// `\newcommand`.
    ///
    /// - Throws: `MacroParseError` for the first problem, with its line and column;
    ///   `macroDefinitions(_:)` reports all of them.
    public static func parseMacros(_ text: String) throws -> [String: String] {
        let (macros, errors) = macroDefinitions(text)
        if let first = errors.first { throw first }
        return macros
    }

    /// Every definition of a macros file that parses, and every problem, in file order: after a
    /// malformed definition the parser resumes at the next line that starts a definition, so an
    /// author sees all the mistakes of the file at once.
    public static func macroDefinitions(_ text: String) -> (macros: [String: String], errors: [MacroParseError]) {
        guard text.utf8.count <= Limits.macroFileBytes else {
            return ([:], [MacroParseError(line: 1, column: 1,
                                          message: "the macros file is \(text.utf8.count) bytes long; the limit is \(Limits.macroFileBytes)")])
        }
        var parser = MacroParser(text: text)
        let (macros, errors) = parser.parse()
        // A definition's own problems are found after its body is read; keep them in file order.
        let ordered = errors.enumerated().sorted { ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset) }
        return (macros, ordered.map(\.element))
    }

    /// The macros of the file at `path`, or the diagnostics of all its problems (and no macros:
    /// a build with a broken macros file stops, so no page is rendered with half of them).
    public static func macros(_ text: String, path: String) -> (macros: [String: String], diagnostics: [Diagnostic]) {
        let (macros, errors) = macroDefinitions(text)
        return errors.isEmpty ? (macros, []) : ([:], errors.map { $0.diagnostic(path: path) })
    }
}

/// The scanner behind `RenderService.parseMacros`. Works on Unicode scalars; columns are UTF-8 bytes.
struct MacroParser {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1

    init(text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// The commands that start a definition: where the parser resumes after a malformed one.
    static let definitionCommands: Set<String> = ["\\newcommand", "\\renewcommand", "\\providecommand", "\\def", "\\gdef",
                                                  "\\DeclareMathOperator"]

    mutating func parse() -> (macros: [String: String], errors: [MacroParseError]) {
        var macros: [String: String] = [:]
        var definedByNewcommand: Set<String> = []
        var errors: [MacroParseError] = []
        while true {
            skipSpaceAndComments()
            guard index < scalars.count else { return (macros, errors) }
            let start = mark
            do {
                try definition(into: &macros, definedByNewcommand: &definedByNewcommand, errors: &errors)
            } catch {
                errors.append(error)
                resume(after: start)
            }
        }
    }

    /// Reads one definition. A malformed one throws; a well-formed one that KaTeX would misread
    /// (argument counts, a second `\newcommand`) goes to `errors`, and reading goes on after it.
    private mutating func definition(into macros: inout [String: String], definedByNewcommand: inout Set<String>,
                                     errors: inout [MacroParseError]) throws(MacroParseError) {
        let (startLine, startColumn) = (line, column)
        let command = readControlSequence() ?? ""
        switch command {
        case "\\newcommand", "\\renewcommand", "\\providecommand":
            _ = consume("*")
            let name = try readDefinedName(after: command)
            var arguments = 0
            skipSpaceAndComments()
            if peek == "[" {
                arguments = try readArgumentCount()
                skipSpaceAndComments()
                if peek == "[" {
                    throw error("\(name): optional arguments ([n][default]) are not supported; KaTeX macros take only required arguments")
                }
            }
            let (bodyLine, bodyColumn) = (line, column)
            let body = try readGroup(what: "the body of \(name)")
            if let problem = checkArguments(body, declared: arguments, name: name, line: bodyLine, column: bodyColumn) {
                errors.append(problem)
            }
            if command == "\\newcommand" {
                if definedByNewcommand.contains(name) {
                    errors.append(MacroParseError(line: startLine, column: startColumn, message: "\(name) is already defined; use \\renewcommand to redefine it"))
                }
                definedByNewcommand.insert(name)
            }
            if command == "\\providecommand", macros[name] != nil { return }
            macros[name] = body

        case "\\def", "\\gdef":
            skipSpaceAndComments()
            guard let name = readControlSequence() else {
                throw error("expected a control sequence after \(command)")
            }
            var arguments = 0
            while peek == "#" {
                advance()
                guard let digit = peek, let value = Int(String(digit)), value == arguments + 1 else {
                    throw error("\(name): parameters must be #1, #2, … in order")
                }
                advance()
                arguments = value
            }
            let (bodyLine, bodyColumn) = (line, column)
            let body = try readGroup(what: "the body of \(name)")
            if let problem = checkArguments(body, declared: arguments, name: name, line: bodyLine, column: bodyColumn) {
                errors.append(problem)
            }
            macros[name] = body

        case "\\DeclareMathOperator":
            let star = consume("*")
            let name = try readDefinedName(after: command)
            skipSpaceAndComments()
            let body = try readGroup(what: "the text of \(name)")
            macros[name] = (star ? "\\operatorname*{" : "\\operatorname{") + body + "}"

        default:
            let found = command.isEmpty ? String(peek.map { Character($0) } ?? " ") : command
            throw MacroParseError(
                line: startLine, column: startColumn,
                message: "expected \\newcommand, \\renewcommand, \\providecommand, \\def or \\DeclareMathOperator, found \(found)"
            )
        }
    }

    /// After a malformed definition that began at `start`: the next line after `start`'s whose
    /// first word (after spaces) is a definition command, or the end of the file. Resuming from
    /// the definition's own line, not from where reading stopped, keeps an unclosed body from
    /// swallowing the definitions after it.
    private mutating func resume(after start: Mark) {
        self.mark = start
        while index < scalars.count {
            while let scalar = peek, scalar != "\n" { advance() }
            advance()  // the line feed
            let lineStart = mark
            skipSpaces()
            let word = readControlSequence()
            self.mark = lineStart
            if let word, Self.definitionCommands.contains(word) { return }
        }
    }

    // MARK: - Pieces

    /// `{\name}` or `\name`.
    private mutating func readDefinedName(after command: String) throws(MacroParseError) -> String {
        skipSpaceAndComments()
        if consume("{") {
            skipSpaces()
            guard let name = readControlSequence() else { throw error("expected a control sequence such as \\R in the braces after \(command)") }
            skipSpaces()
            guard consume("}") else { throw error("expected } after \(name)") }
            return name
        }
        guard let name = readControlSequence() else { throw error("expected a control sequence such as {\\R} after \(command)") }
        return name
    }

    /// `[n]` with n in 1…9.
    private mutating func readArgumentCount() throws(MacroParseError) -> Int {
        advance()  // [
        var digits = ""
        while let scalar = peek, scalar != "]", scalar != "\n" {
            digits.unicodeScalars.append(scalar)
            advance()
        }
        guard consume("]") else { throw error("expected ] after the argument count") }
        guard let count = Int(digits.trimmingSpaces), (1...9).contains(count) else {
            throw error("the argument count must be a number from 1 to 9, found [\(digits)]")
        }
        return count
    }

    /// A brace group's content, without the outer braces.
    private mutating func readGroup(what: String) throws(MacroParseError) -> String {
        guard consume("{") else { throw error("expected { to open \(what)") }
        let (openLine, openColumn) = (line, column - 1)
        var depth = 1
        var body = ""
        while let scalar = peek {
            if scalar == "\\" {
                body.unicodeScalars.append(scalar)
                advance()
                if let escaped = peek {
                    body.unicodeScalars.append(escaped)
                    advance()
                }
                continue
            }
            if scalar == "%" {
                // A comment inside a body ends at the line end and is dropped, as in TeX.
                while let next = peek, next != "\n" { advance() }
                continue
            }
            advance()
            if scalar == "{" {
                depth += 1
                // KaTeX parses groups by recursion in node; a body nested thousands deep would
                // exhaust its stack on every formula that uses the macro.
                if depth > Limits.macroDepth {
                    throw MacroParseError(line: line, column: column - 1,
                                          message: "\(what) nests braces deeper than \(Limits.macroDepth) levels")
                }
            }
            if scalar == "}" {
                depth -= 1
                if depth == 0 { return body }
            }
            body.unicodeScalars.append(scalar)
        }
        throw MacroParseError(line: openLine, column: openColumn, message: "unbalanced braces: \(what) opened here is never closed")
    }

    private func checkArguments(_ body: String, declared: Int, name: String, line: Int, column: Int) -> MacroParseError? {
        var highest = 0
        let scalars = Array(body.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if scalars[index] == "\\" {
                index += 2
                continue
            }
            if scalars[index] == "#" {
                if index + 1 < scalars.count, scalars[index + 1] == "#" {
                    index += 2
                    continue
                }
                guard index + 1 < scalars.count, let digit = Int(String(scalars[index + 1])), digit >= 1 else {
                    return MacroParseError(line: line, column: column, message: "\(name): # must be followed by an argument number (write ## for a literal #)")
                }
                highest = max(highest, digit)
            }
            index += 1
        }
        if highest > declared {
            return MacroParseError(line: line, column: column, message: "\(name) uses #\(highest) but declares \(declared) argument\(declared == 1 ? "" : "s")")
        }
        if highest < declared {
            return MacroParseError(
                line: line, column: column,
                message: "\(name) declares \(declared) arguments but its body uses only up to #\(highest); KaTeX counts arguments from the body, so it would take \(highest)"
            )
        }
        return nil
    }

    // MARK: - Scanning

    /// Where the scanner is; saved and restored to resume after an error.
    struct Mark {
        var index: Int
        var line: Int
        var column: Int
    }

    private var mark: Mark {
        get { Mark(index: index, line: line, column: column) }
        set { (index, line, column) = (newValue.index, newValue.line, newValue.column) }
    }

    private var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private mutating func advance() {
        guard index < scalars.count else { return }
        let scalar = scalars[index]
        index += 1
        if scalar == "\n" {
            line += 1
            column = 1
        } else {
            column += UTF8.width(scalar)
        }
    }

    private mutating func consume(_ scalar: Unicode.Scalar) -> Bool {
        guard peek == scalar else { return false }
        advance()
        return true
    }

    private mutating func skipSpaces() {
        while let scalar = peek, scalar == " " || scalar == "\t" { advance() }
    }

    private mutating func skipSpaceAndComments() {
        while let scalar = peek {
            if scalar == "%" {
                while let next = peek, next != "\n" { advance() }
            } else if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                advance()
            } else {
                return
            }
        }
    }

    /// `\name` (letters) or `\x` (one other character).
    private mutating func readControlSequence() -> String? {
        guard peek == "\\" else { return nil }
        var name = "\\"
        advance()
        guard let first = peek else { return nil }
        if first.properties.isAlphabetic, first.isASCII {
            while let scalar = peek, scalar.isASCII, scalar.properties.isAlphabetic {
                name.unicodeScalars.append(scalar)
                advance()
            }
        } else {
            name.unicodeScalars.append(first)
            advance()
        }
        return name
    }

    private func error(_ message: String) -> MacroParseError {
        MacroParseError(line: line, column: column, message: message)
    }
}

private extension String {
    var trimmingSpaces: String {
        var result = Substring(self)
        while result.first == " " { result.removeFirst() }
        while result.last == " " { result.removeLast() }
        return String(result)
    }
}

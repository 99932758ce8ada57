import Foundation
import Yams

/// A YAML value with the file position of each node, so that front matter and directive bodies can
/// report `path:line:col` for a wrong field rather than for the block as a whole.
public enum YAMLValue: Hashable, Sendable {
    /// `verbatim` is where the scalar's text starts in the file when the file holds that text as
    /// it is (a plain or quoted scalar on one line, without escapes), so that a position inside
    /// the text (an expression's error) maps to the file; nil otherwise.
    case scalar(String, plain: Bool, at: SourcePosition, verbatim: SourcePosition?)
    case sequence([YAMLValue], at: SourcePosition)
    case mapping([YAMLPair], at: SourcePosition)
    case null(at: SourcePosition)

    public var position: SourcePosition {
        switch self {
        case .scalar(_, _, let at, _), .sequence(_, let at), .mapping(_, let at), .null(let at): at
        }
    }

    /// A short name of the value's kind, for "expected a number, found a list" messages.
    public var kindName: String {
        switch self {
        case .scalar: "a scalar"
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .null: "nothing"
        }
    }
}

public struct YAMLPair: Hashable, Sendable {
    public var key: String
    public var keyPosition: SourcePosition
    public var value: YAMLValue
}

public enum YAMLReader {
    /// Parses `text`, which starts at `origin` in the file (the column applies to its first line and,
    /// for a directive body, to none of the others: those start at column 1 of the file).
    public static func parse(_ text: String, path: String, origin: SourcePosition) -> Result<YAMLValue, Diagnostic> {
        // libyaml reports errors at the end of input one line past the text; keep them on its last line.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let lastLine = max(1, lines.count)
        /// `line` and `column` (in UTF-8 bytes) of the text, as a position in the file.
        func place(line markLine: Int, column markColumn: Int) -> SourcePosition {
            let line = min(max(markLine, 1), lastLine)
            let column = line == markLine ? max(markColumn, 1) : 1
            return SourcePosition(line: origin.line + line - 1, column: line == 1 ? origin.column + column - 1 : column)
        }
        /// libyaml counts columns in Unicode scalars; the build counts UTF-8 bytes.
        func byteColumn(line: Int, scalarColumn: Int) -> Int {
            guard line >= 1, line <= lines.count else { return scalarColumn }
            let scalars = lines[line - 1].unicodeScalars
            var bytes = 0
            var counted = 1
            var index = scalars.startIndex
            while counted < scalarColumn, index < scalars.endIndex {
                bytes += UTF8.width(scalars[index])
                counted += 1
                index = scalars.index(after: index)
            }
            return bytes + 1 + (scalarColumn - counted)
        }
        func place(_ mark: Mark?) -> SourcePosition {
            guard let mark else { return origin }
            return place(line: mark.line, column: byteColumn(line: mark.line, scalarColumn: mark.column))
        }
        /// Where a scalar's text starts in the file, if the file holds it verbatim.
        func verbatim(_ scalar: Node.Scalar) -> SourcePosition? {
            guard let mark = scalar.mark, mark.line >= 1, mark.line <= lines.count, !ByteSearch.contains(UInt8(ascii: "\n"), in: scalar.string) else { return nil }
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
            guard quoted || scalar.style == .plain || scalar.style == .any else { return nil }
            let line = lines[mark.line - 1].unicodeScalars
            guard let start = line.index(line.startIndex, offsetBy: mark.column - 1 + (quoted ? 1 : 0), limitedBy: line.endIndex) else { return nil }
            let rest = line[start...]
            guard rest.starts(with: scalar.string.unicodeScalars) else { return nil }
            if quoted {
                let after = rest.index(rest.startIndex, offsetBy: scalar.string.unicodeScalars.count)
                let quote: Unicode.Scalar = scalar.style == .singleQuoted ? "'" : "\""
                guard after < rest.endIndex, rest[after] == quote else { return nil }
            }
            return place(line: mark.line, column: byteColumn(line: mark.line, scalarColumn: mark.column + (quoted ? 1 : 0)))
        }
        // libyaml refuses control characters without saying where; say where.
        if let control = firstControlCharacter(in: text) {
            let at = place(line: control.line, column: byteColumn(line: control.line, scalarColumn: control.column))
            return .failure(.error(.yamlControlCharacter, at: SourceLocation(path: path, at),
                                   "invalid YAML: the control character U+\(String(format: "%04X", control.value)) is not allowed (write it as an escape in a double-quoted string)"))
        }
        if let deep = YAMLNesting.firstPlaceDeeper(than: Limits.yamlDepth, in: text) {
            let at = place(line: deep.line, column: deep.column)
            return .failure(.error(.yamlTooDeep, at: SourceLocation(path: path, at),
                                   "YAML nested deeper than \(Limits.yamlDepth) levels"))
        }
        do {
            guard let node = try Yams.compose(yaml: text) else { return .success(.null(at: origin)) }
            var budget = Limits.yamlNodes
            return .success(try convert(node, depth: 0, budget: &budget, place: place, verbatim: verbatim))
        } catch let error as TooLarge {
            return .failure(.error(.yamlTooLarge, at: SourceLocation(path: path, error.at),
                                   error.message))
        } catch let error as YamlError {
            let (message, mark) = describe(error)
            let at = place(mark)
            return .failure(.error(.yamlSyntax, at: SourceLocation(path: path, at),
                                   "invalid YAML: \(message)"))
        } catch {
            return .failure(.error(.yamlSyntax, at: SourceLocation(path: path, origin),
                                   "invalid YAML: \(error)"))
        }
    }

    /// The first C0 control character other than tab, line feed and carriage return, or DEL, with
    /// its line and column (in Unicode scalars, as libyaml counts them).
    private static func firstControlCharacter(in text: String) -> (line: Int, column: Int, value: UInt32)? {
        var line = 1, column = 1
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                line += 1
                column = 1
                continue
            }
            if (scalar.value < 0x20 && scalar != "\t" && scalar != "\r") || scalar.value == 0x7F {
                return (line, column, scalar.value)
            }
            column += 1
        }
        return nil
    }

    /// Where the YAML, once its aliases are expanded, grows past the limits.
    private struct TooLarge: Error {
        var at: SourcePosition
        var message: String
    }

    /// Walks Yams' nodes into `YAMLValue`s. Yams shares an anchored node among its aliases, but
    /// this walk copies it for each, so the count of values made is what bounds the work.
    private static func convert(_ node: Node, depth: Int, budget: inout Int, place: (Mark?) -> SourcePosition,
                                verbatim: (Node.Scalar) -> SourcePosition?) throws -> YAMLValue {
        budget -= 1
        if budget < 0 {
            throw TooLarge(at: place(node.mark),
                           message: "YAML expands to more than \(Limits.yamlNodes) values (each alias '*name' repeats the value it names)")
        }
        if depth > Limits.yamlDepth {
            throw TooLarge(at: place(node.mark), message: "YAML nested deeper than \(Limits.yamlDepth) levels once its aliases are expanded")
        }
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                return .null(at: place(scalar.mark))
            }
            return .scalar(scalar.string, plain: scalar.style == .plain || scalar.style == .any, at: place(scalar.mark),
                           verbatim: verbatim(scalar))
        case .sequence(let sequence):
            var items: [YAMLValue] = []
            for item in sequence { items.append(try convert(item, depth: depth + 1, budget: &budget, place: place, verbatim: verbatim)) }
            return .sequence(items, at: place(node.mark))
        case .mapping(let mapping):
            var pairs: [YAMLPair] = []
            for (key, value) in mapping {
                budget -= 1
                pairs.append(YAMLPair(key: key.string ?? "\(key.any)", keyPosition: place(key.mark),
                                      value: try convert(value, depth: depth + 1, budget: &budget, place: place, verbatim: verbatim)))
            }
            return .mapping(pairs, at: place(node.mark))
        @unknown default:
            return .null(at: place(node.mark))
        }
    }

    private static func describe(_ error: YamlError) -> (String, Mark?) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return ("\(prefix)\(problem)".trimmingWhitespaces, mark)
        case .reader(let problem, _, _, _):
            return (problem, nil)
        default:
            return ("\(error)", nil)
        }
    }
}

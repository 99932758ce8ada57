import Foundation
import Yams

/// A YAML value with the file position of each node, so that front matter and directive bodies can
/// report `path:line:col` for a wrong field rather than for the block as a whole.
public enum YAMLValue: Hashable, Sendable {
    case scalar(String, plain: Bool, at: SourcePosition)
    case sequence([YAMLValue], at: SourcePosition)
    case mapping([YAMLPair], at: SourcePosition)
    case null(at: SourcePosition)

    public var position: SourcePosition {
        switch self {
        case .scalar(_, _, let at), .sequence(_, let at), .mapping(_, let at), .null(let at): at
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
        let lastLine = max(1, text.split(separator: "\n", omittingEmptySubsequences: false).count)
        func place(_ mark: Mark?) -> SourcePosition {
            guard let mark else { return origin }
            let line = min(max(mark.line, 1), lastLine)
            let column = line == mark.line ? max(mark.column, 1) : 1
            return SourcePosition(line: origin.line + line - 1, column: line == 1 ? origin.column + column - 1 : column)
        }
        do {
            guard let node = try Yams.compose(yaml: text) else { return .success(.null(at: origin)) }
            return .success(convert(node, place: place))
        } catch let error as YamlError {
            let (message, mark) = describe(error)
            let at = place(mark)
            return .failure(.error("lossbook.yaml.syntax", at: SourceLocation(path: path, line: at.line, column: at.column),
                                   "invalid YAML: \(message)"))
        } catch {
            return .failure(.error("lossbook.yaml.syntax", at: SourceLocation(path: path, line: origin.line, column: origin.column),
                                   "invalid YAML: \(error)"))
        }
    }

    private static func convert(_ node: Node, place: (Mark?) -> SourcePosition) -> YAMLValue {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                return .null(at: place(scalar.mark))
            }
            return .scalar(scalar.string, plain: scalar.style == .plain || scalar.style == .any, at: place(scalar.mark))
        case .sequence(let sequence):
            return .sequence(sequence.map { convert($0, place: place) }, at: place(node.mark))
        case .mapping(let mapping):
            let pairs = mapping.map { key, value in
                YAMLPair(key: key.string ?? "\(key.any)", keyPosition: place(key.mark), value: convert(value, place: place))
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
            return ("\(prefix)\(problem)".trimmingCharacters(in: .whitespaces), mark)
        case .reader(let problem, _, _, _):
            return (problem, nil)
        default:
            return ("\(error)", nil)
        }
    }
}

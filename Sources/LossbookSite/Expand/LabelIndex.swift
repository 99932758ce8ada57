/// Every label of the course (equations and figures) with its page and number, so that `@eq-…`
/// and `@fig-…` resolve across chapters. Numbers are per chapter: (chapter.sequence).
public struct LabelIndex: Sendable {
    public enum Kind: String, Sendable { case equation, figure }

    public struct Target: Sendable {
        public var kind: Kind
        /// The output path of the page that holds the target.
        public var page: String
        public var number: String
        public var location: SourceLocation
    }

    public private(set) var targets: [String: Target] = [:]
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    /// Numbers the labelled equations and figures of one page, in page order, and records them.
    /// Call pages in reading order so that duplicate reports point at the later one.
    mutating func number(_ document: MarkdownDocument, page: String, displayPath: String, chapter: Int?) -> MarkdownDocument {
        var numberer = Numberer(page: page, displayPath: displayPath, chapterPrefix: chapter.map { "\($0)." } ?? "")
        let result = numberer.rewrite(document)
        for (label, target) in numberer.found {
            if let existing = targets[label] {
                diagnostics.append(.error("lossbook.label.duplicate", at: target.location,
                                          "label '\(label)' is already used at \(existing.location); labels must be unique across the course"))
            } else {
                targets[label] = target
            }
        }
        diagnostics += numberer.diagnostics
        return result
    }

    private struct Numberer: TreePass {
        let page: String
        let displayPath: String
        let chapterPrefix: String
        var equations = 0
        var figures = 0
        var found: [(String, Target)] = []
        var diagnostics: [Diagnostic] = []

        mutating func visit(block: Block) -> [Block]? {
            switch block.kind {
            case .displayMath(var math):
                guard let label = math.label else { return nil }
                guard label.hasPrefix("eq-") else {
                    diagnostics.append(.error("lossbook.label.prefix", at: location(math.position),
                                              "equation label '\(label)' must start with 'eq-' (for example {#eq-\(label)})"))
                    return nil
                }
                equations += 1
                math.number = "\(chapterPrefix)\(equations)"
                found.append((label, Target(kind: .equation, page: page, number: math.number!, location: location(math.position))))
                return [Block(.displayMath(math), at: block.position)]
            case .generated(var generated):
                guard let label = generated.label else { return nil }
                figures += 1
                generated.number = "\(chapterPrefix)\(figures)"
                generated.html = generated.html.replacingOccurrences(of: GeneratedBlock.numberPlaceholder, with: generated.number!)
                found.append((label, Target(kind: .figure, page: page, number: generated.number!, location: location(block.position))))
                return [Block(.generated(generated), at: block.position)]
            default:
                return nil
            }
        }

        func location(_ position: SourcePosition) -> SourceLocation {
            SourceLocation(path: displayPath, line: position.line, column: position.column)
        }
    }
}

extension GeneratedBlock {
    /// Written into a figure's caption by a directive and replaced by the figure's number once
    /// the course is numbered (a private-use character, so it cannot clash with content).
    public static let numberPlaceholder = "\u{E010}"
}

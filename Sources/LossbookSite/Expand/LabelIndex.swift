/// Every label of the course (equations and figures) with its page and number, so that `@eq-…`
/// and `@fig-…` resolve across chapters. Numbers are per chapter: (chapter.sequence).
public struct LabelIndex: Sendable {
    public enum Kind: String, Sendable, Codable { case equation, figure }

    /// A label as a page defines it, in page order: enough to number it again without the page.
    struct Definition: Codable, Hashable, Sendable {
        var label: String
        var kind: Kind
        var line: Int
        var column: Int
        /// An equation's TeX, for previews of it on other pages.
        var tex: String? = nil
        /// A figure's HTML, its number not yet written in, for previews of it on other pages.
        /// Not kept in the page's summary (figures are large): `FigureCopies` keeps it under
        /// `htmlKey`, which the summary holds.
        var html: String? = nil
        var htmlKey: String? = nil

        private enum CodingKeys: String, CodingKey { case label, kind, line, column, tex, htmlKey }

        /// Where the label is defined; stored flat in the page's summary.
        var position: SourcePosition { SourcePosition(line: line, column: column) }
    }

    public struct Target: Sendable {
        public var kind: Kind
        /// The output path of the page that holds the target.
        public var page: String
        public var number: String
        public var location: SourceLocation
        /// An equation's TeX, for previews of it on other pages.
        public var tex: String? = nil
        /// A figure's HTML with `GeneratedBlock.numberPlaceholder` for its number, for previews;
        /// nil for a page that was not parsed (see `htmlKey`).
        public var html: String? = nil
        /// A digest of `html`: what a preview of the figure depends on, and where `FigureCopies` keeps it.
        public var htmlKey: String? = nil
    }

    public private(set) var targets: [String: Target] = [:]
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    /// Numbers the labelled equations and figures of one page, in page order, and records them.
    /// Call pages in reading order so that duplicate reports point at the later one.
    mutating func number(_ document: MarkdownDocument, page: String, displayPath: String, chapter: Int?) -> MarkdownDocument {
        var numberer = Numberer(page: page, displayPath: displayPath, chapterPrefix: Self.prefix(chapter))
        let result = numberer.rewrite(document)
        record(numberer.found)
        definitions[page] = numberer.found.map { label, target in
            Definition(label: label, kind: target.kind, line: target.location.line, column: target.location.column,
                       tex: target.tex, html: target.html, htmlKey: target.htmlKey)
        }
        diagnostics += numberer.diagnostics
        return result
    }

    /// The labels `number` found on each page (by output path), for the page's summary.
    private(set) var definitions: [String: [Definition]] = [:]

    /// Records a page's labels from its summary, numbered as `number` would number the page.
    mutating func register(_ labels: [Definition], page: String, displayPath: String, chapter: Int?) {
        var counts: [Kind: Int] = [:]
        let found = labels.map { definition -> (String, Target) in
            counts[definition.kind, default: 0] += 1
            return (definition.label, Target(kind: definition.kind, page: page, number: "\(Self.prefix(chapter))\(counts[definition.kind]!)",
                                             location: SourceLocation(path: displayPath, definition.position),
                                             tex: definition.tex, html: definition.html, htmlKey: definition.htmlKey))
        }
        record(found)
        definitions[page] = labels
    }

    /// Writes the numbers into a page whose labels are already recorded (through `register`).
    func renumber(_ document: MarkdownDocument, page: String, displayPath: String, chapter: Int?) -> MarkdownDocument {
        var numberer = Numberer(page: page, displayPath: displayPath, chapterPrefix: Self.prefix(chapter))
        return numberer.rewrite(document)
    }

    private static func prefix(_ chapter: Int?) -> String {
        chapter.map { "\($0)." } ?? ""
    }

    private mutating func record(_ found: [(String, Target)]) {
        for (label, target) in found {
            if let existing = targets[label] {
                diagnostics.append(.error(.labelDuplicate, at: target.location,
                                          "label '\(label)' is already used at \(existing.location); labels must be unique across the course"))
            } else {
                targets[label] = target
            }
        }
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
                    diagnostics.append(.error(.labelPrefix, at: SourceLocation(path: displayPath, range: math.range),
                                              "equation label '\(label)' must start with 'eq-' (for example {#eq-\(label)})"))
                    return nil
                }
                equations += 1
                math.number = "\(chapterPrefix)\(equations)"
                found.append((label, Target(kind: .equation, page: page, number: math.number!, location: location(math.position), tex: math.tex)))
                return [Block(.displayMath(math), range: block.range)]
            case .generated(var generated):
                guard let label = generated.label else { return nil }
                figures += 1
                let unnumbered = generated.html
                generated.number = "\(chapterPrefix)\(figures)"
                generated.html = ByteSearch.replacingAll(GeneratedBlock.numberPlaceholder, with: generated.number!, in: generated.html)
                found.append((label, Target(kind: .figure, page: page, number: generated.number!, location: location(block.position),
                                            html: unnumbered, htmlKey: FNV1a128.hex(of: ["figure", unnumbered]))))
                return [Block(.generated(generated), range: block.range)]
            default:
                return nil
            }
        }

        func location(_ position: SourcePosition) -> SourceLocation {
            SourceLocation(path: displayPath, position)
        }
    }
}

extension GeneratedBlock {
    /// Written into a figure's caption by a directive and replaced by the figure's number once
    /// the course is numbered (a private-use character, so it cannot clash with content).
    public static let numberPlaceholder = "\u{E010}"
}

/// Turns GitHub-style alerts (`> [!NOTE]`) into callouts, and `> [!EXERCISE]` block quotes into
/// numbered exercises whose nested `> [!SOLUTION]` stays folded.
struct CalloutPass {
    let path: String
    private(set) var diagnostics: [Diagnostic] = []
    private var exerciseCount = 0

    init(path: String) {
        self.path = path
    }

    mutating func run(_ document: MarkdownDocument) -> MarkdownDocument {
        MarkdownDocument(blocks: transform(document.blocks, insideExercise: false))
    }

    private mutating func transform(_ blocks: [Block], insideExercise: Bool) -> [Block] {
        blocks.map { transform($0, insideExercise: insideExercise) }
    }

    private mutating func transform(_ block: Block, insideExercise: Bool) -> Block {
        switch block.kind {
        case .blockQuote(let content):
            guard let (marker, title, rest) = Self.splitMarker(content) else {
                return Block(.blockQuote(transform(content, insideExercise: insideExercise)), range: block.range)
            }
            let upper = marker.uppercased()
            if let kind = Callout.Kind(rawValue: upper.lowercased()) {
                return Block(.callout(Callout(kind: kind, title: title, content: transform(rest, insideExercise: insideExercise))), range: block.range)
            }
            if upper == "EXERCISE" {
                exerciseCount += 1
                let number = exerciseCount
                var body: [Block] = []
                var solution: [Block]?
                for child in rest {
                    if case .blockQuote(let inner) = child.kind, let (innerMarker, _, solutionBlocks) = Self.splitMarker(inner),
                       innerMarker.uppercased() == "SOLUTION" {
                        if solution != nil {
                            report(child.position, "this exercise already has a solution; merge the two '[!SOLUTION]' block quotes")
                        }
                        solution = transform(solutionBlocks, insideExercise: true)
                    } else {
                        body.append(transform(child, insideExercise: true))
                    }
                }
                return Block(.exercise(Exercise(number: number, title: title, content: body, solution: solution)), range: block.range)
            }
            if upper == "SOLUTION" {
                report(block.position, "'[!SOLUTION]' must be a block quote nested inside a '[!EXERCISE]' block quote ('> > [!SOLUTION]')")
            } else {
                report(block.position, "unknown callout '[!\(marker)]'; use NOTE, TIP, WARNING, KEY or EXERCISE")
            }
            return Block(.blockQuote(transform(rest, insideExercise: insideExercise)), range: block.range)
        case .list(let style, let items):
            let mapped = items.map { ListItem(task: $0.task, content: transform($0.content, insideExercise: insideExercise)) }
            return Block(.list(style, items: mapped), range: block.range)
        case .footnoteDefinition(let name, let content):
            return Block(.footnoteDefinition(name: name, content: transform(content, insideExercise: insideExercise)), range: block.range)
        default:
            return block
        }
    }

    private mutating func report(_ position: SourcePosition, _ message: String) {
        diagnostics.append(.error(.calloutUnknown, at: SourceLocation(path: path, position), message))
    }

    /// `[!KIND] Optional title` at the start of a block quote's first paragraph: the kind, the
    /// title (the rest of that line) and the remaining blocks.
    static func splitMarker(_ content: [Block]) -> (String, [Inline], [Block])? {
        guard let first = content.first, case .paragraph(let inlines) = first.kind,
              case .text(let text, let source)? = inlines.first, text.hasPrefix("[!"),
              let close = text.firstIndex(of: "]") else { return nil }
        let marker = String(text[text.index(text.startIndex, offsetBy: 2)..<close])
        guard !marker.isEmpty, marker.allSatisfy({ $0.isLetter }) else { return nil }
        let afterClose = text.utf8.distance(from: text.startIndex, to: close) + 1
        var remainder = Array(inlines.dropFirst())
        var titleLine: [Inline] = afterClose == text.utf8.count ? []
            : [.piece(of: text, source: source, bytes: afterClose..<text.utf8.count)]
        // The title runs to the end of the marker's line.
        while let next = remainder.first, !next.isLineBreak {
            titleLine.append(next)
            remainder.removeFirst()
        }
        if let next = remainder.first, next.isLineBreak { remainder.removeFirst() }
        titleLine = trimLeadingSpace(titleLine)
        var rest = Array(content.dropFirst())
        if !remainder.isEmpty {
            rest.insert(Block(.paragraph(remainder), at: first.position), at: 0)
        }
        return (marker, titleLine, rest)
    }

    private static func trimLeadingSpace(_ inlines: [Inline]) -> [Inline] {
        guard case .text(let text, let source)? = inlines.first else { return inlines }
        let spaces = text.utf8.prefix(while: { $0 == UInt8(ascii: " ") }).count
        var result = inlines
        if spaces == text.utf8.count {
            result.removeFirst()
        } else {
            result[0] = .piece(of: text, source: source, bytes: spaces..<text.utf8.count)
        }
        return result
    }
}

/// A pass over a page's tree. A pass overrides only the nodes it cares about; the default
/// recursion reaches every block and every run of inlines, wherever it is nested (list items,
/// tables, callouts, exercises, footnotes, headings, links).
protocol TreePass {
    /// A replacement for `block`, or nil to keep it and descend into its children.
    mutating func visit(block: Block) -> [Block]?
    /// A replacement for `inline`, or nil to keep it and descend into its children.
    mutating func visit(inline: Inline) -> [Inline]?
}

extension TreePass {
    mutating func visit(block: Block) -> [Block]? { nil }
    mutating func visit(inline: Inline) -> [Inline]? { nil }

    mutating func rewrite(_ document: MarkdownDocument) -> MarkdownDocument {
        MarkdownDocument(blocks: rewrite(document.blocks))
    }

    mutating func rewrite(_ blocks: [Block]) -> [Block] {
        var result: [Block] = []
        result.reserveCapacity(blocks.count)
        for block in blocks {
            if let replacement = visit(block: block) {
                result += replacement
            } else {
                result.append(Block(descend(block.kind), range: block.range))
            }
        }
        return result
    }

    mutating func rewrite(_ inlines: [Inline]) -> [Inline] {
        var result: [Inline] = []
        result.reserveCapacity(inlines.count)
        for inline in inlines {
            if let replacement = visit(inline: inline) {
                result += replacement
                continue
            }
            switch inline {
            case .emphasis(let content, let at): result.append(.emphasis(rewrite(content), at: at))
            case .strong(let content, let at): result.append(.strong(rewrite(content), at: at))
            case .strikethrough(let content, let at): result.append(.strikethrough(rewrite(content), at: at))
            case .link(let destination, let title, let content, let at):
                result.append(.link(destination: destination, title: title, content: rewrite(content), at: at))
            case .image(let source, let title, let alt, let at):
                result.append(.image(source: source, title: title, alt: rewrite(alt), at: at))
            default: result.append(inline)
            }
        }
        return result
    }

    private mutating func descend(_ kind: Block.Kind) -> Block.Kind {
        switch kind {
        case .paragraph(let content): return .paragraph(rewrite(content))
        case .heading(let level, let content, let anchor): return .heading(level: level, content: rewrite(content), anchor: anchor)
        case .blockQuote(let content): return .blockQuote(rewrite(content))
        case .list(let style, let items):
            return .list(style, items: items.map { ListItem(task: $0.task, content: rewrite($0.content)) })
        case .table(var table):
            table.header = table.header.map { rewrite($0) }
            table.rows = table.rows.map { row in row.map { rewrite($0) } }
            return .table(table)
        case .footnoteDefinition(let name, let content): return .footnoteDefinition(name: name, content: rewrite(content))
        case .callout(var callout):
            callout.title = rewrite(callout.title)
            callout.content = rewrite(callout.content)
            return .callout(callout)
        case .exercise(var exercise):
            exercise.title = rewrite(exercise.title)
            exercise.content = rewrite(exercise.content)
            exercise.solution = exercise.solution.map { rewrite($0) }
            return .exercise(exercise)
        case .codeBlock, .html, .thematicBreak, .displayMath, .generated, .highlightedCode:
            return kind
        }
    }
}

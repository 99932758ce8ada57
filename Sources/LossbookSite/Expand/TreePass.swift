/// A pass over a page's tree. A pass overrides only the nodes it cares about; the default
/// recursion reaches every block and every run of inlines, wherever it is nested (list items,
/// tables, callouts, exercises, footnotes, headings, links).
///
/// Subtrees that no visit changed are kept as they are, not rebuilt: most passes change a few
/// nodes of a page (a directive, the references), and copying every array and node of the
/// rest, once per pass, was most of what the passes cost. The result is the same tree either
/// way (a block is its kind and range; an inline its fields).
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
        rewritten(blocks) ?? blocks
    }

    mutating func rewrite(_ inlines: [Inline]) -> [Inline] {
        rewritten(inlines) ?? inlines
    }

    /// The blocks after the pass, or nil if the pass changed none of them.
    private mutating func rewritten(_ blocks: [Block]) -> [Block]? {
        var result: [Block]?
        for (index, block) in blocks.enumerated() {
            let replacement: [Block]?
            if let visited = visit(block: block) {
                replacement = visited
            } else if let kind = descend(block.kind) {
                replacement = [Block(kind, range: block.range)]
            } else {
                replacement = nil
            }
            if let replacement {
                if result == nil {
                    result = []
                    result!.reserveCapacity(blocks.count + replacement.count)
                    result! += blocks[..<index]
                }
                result! += replacement
            } else if result != nil {
                result!.append(block)
            }
        }
        return result
    }

    /// The inlines after the pass, or nil if the pass changed none of them.
    private mutating func rewritten(_ inlines: [Inline]) -> [Inline]? {
        var result: [Inline]?
        for (index, inline) in inlines.enumerated() {
            let replacement: [Inline]?
            if let visited = visit(inline: inline) {
                replacement = visited
            } else if let descended = descend(inline) {
                replacement = [descended]
            } else {
                replacement = nil
            }
            if let replacement {
                if result == nil {
                    result = []
                    result!.reserveCapacity(inlines.count + replacement.count)
                    result! += inlines[..<index]
                }
                result! += replacement
            } else if result != nil {
                result!.append(inline)
            }
        }
        return result
    }

    /// `inline` with its children rewritten, or nil if none changed (or it has none).
    private mutating func descend(_ inline: Inline) -> Inline? {
        switch inline {
        case .emphasis(let content, let at): rewritten(content).map { .emphasis($0, at: at) }
        case .strong(let content, let at): rewritten(content).map { .strong($0, at: at) }
        case .strikethrough(let content, let at): rewritten(content).map { .strikethrough($0, at: at) }
        case .link(let destination, let title, let content, let at):
            rewritten(content).map { .link(destination: destination, title: title, content: $0, at: at) }
        case .image(let source, let title, let alt, let at):
            rewritten(alt).map { .image(source: source, title: title, alt: $0, at: at) }
        default: nil
        }
    }

    /// `kind` with its children rewritten, or nil if none changed (or it has none).
    private mutating func descend(_ kind: Block.Kind) -> Block.Kind? {
        switch kind {
        case .paragraph(let content): return rewritten(content).map { .paragraph($0) }
        case .heading(let level, let content, let anchor):
            return rewritten(content).map { .heading(level: level, content: $0, anchor: anchor) }
        case .blockQuote(let content): return rewritten(content).map { .blockQuote($0) }
        case .list(let style, let items):
            var changed = false
            var result: [ListItem] = []
            result.reserveCapacity(items.count)
            for item in items {
                if let content = rewritten(item.content) {
                    changed = true
                    result.append(ListItem(task: item.task, content: content))
                } else {
                    result.append(item)
                }
            }
            return changed ? .list(style, items: result) : nil
        case .table(var table):
            var changed = false
            for (index, cell) in table.header.enumerated() {
                if let cell = rewritten(cell) { table.header[index] = cell; changed = true }
            }
            for (row, cells) in table.rows.enumerated() {
                for (index, cell) in cells.enumerated() {
                    if let cell = rewritten(cell) { table.rows[row][index] = cell; changed = true }
                }
            }
            return changed ? .table(table) : nil
        case .footnoteDefinition(let name, let content):
            return rewritten(content).map { .footnoteDefinition(name: name, content: $0) }
        case .callout(var callout):
            let title = rewritten(callout.title), content = rewritten(callout.content)
            guard title != nil || content != nil else { return nil }
            if let title { callout.title = title }
            if let content { callout.content = content }
            return .callout(callout)
        case .exercise(var exercise):
            let title = rewritten(exercise.title), content = rewritten(exercise.content)
            let solution = exercise.solution.flatMap { rewritten($0) }
            guard title != nil || content != nil || solution != nil else { return nil }
            if let title { exercise.title = title }
            if let content { exercise.content = content }
            if let solution { exercise.solution = solution }
            return .exercise(exercise)
        case .codeBlock, .html, .thematicBreak, .displayMath, .generated, .highlightedCode:
            return nil
        }
    }
}

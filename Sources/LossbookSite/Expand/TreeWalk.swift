/// A read-only pass over a page's tree, for passes that only collect (anchors, headings, the
/// formulas and code to render, runnable blocks): it visits every block and inline in document
/// order, wherever nested, as `TreePass` does, but builds no new tree.
protocol TreeWalk {
    mutating func visit(block: Block)
    mutating func visit(inline: Inline)
}

extension TreeWalk {
    mutating func visit(block: Block) {}
    mutating func visit(inline: Inline) {}

    mutating func walk(_ document: MarkdownDocument) {
        walk(document.blocks)
    }

    mutating func walk(_ blocks: [Block]) {
        for block in blocks {
            visit(block: block)
            walkChildren(of: block.kind)
        }
    }

    mutating func walk(_ inlines: [Inline]) {
        for inline in inlines {
            visit(inline: inline)
            switch inline {
            case .emphasis(let content, _), .strong(let content, _), .strikethrough(let content, _): walk(content)
            case .link(_, _, let content, _): walk(content)
            case .image(_, _, let alt, _): walk(alt)
            default: break
            }
        }
    }

    private mutating func walkChildren(of kind: Block.Kind) {
        switch kind {
        case .paragraph(let content): walk(content)
        case .heading(_, let content, _): walk(content)
        case .blockQuote(let content): walk(content)
        case .list(_, let items): for item in items { walk(item.content) }
        case .table(let table):
            for cell in table.header { walk(cell) }
            for row in table.rows { for cell in row { walk(cell) } }
        case .footnoteDefinition(_, let content): walk(content)
        case .callout(let callout):
            walk(callout.title)
            walk(callout.content)
        case .exercise(let exercise):
            walk(exercise.title)
            walk(exercise.content)
            if let solution = exercise.solution { walk(solution) }
        case .codeBlock, .html, .thematicBreak, .displayMath, .generated, .highlightedCode:
            break
        }
    }
}

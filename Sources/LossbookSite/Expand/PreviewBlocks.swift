/// What a page's reference previews need that is not already on the page: glossary definitions,
/// and the equations, figures, sections and pages of other pages that it links to. Each goes into a `<template id="preview-…">` at the end of the
/// page (inert: not shown, not read by screen readers, not found by the browser's find, and
/// without ids that could clash), and goes through the math stage like the rest of the page.
/// Targets on the page itself (its equations, figures, footnotes, sections, references) need no
/// copy: the script clones them. Everything works without the script: the links are plain links.
/// Equations and figures go under their label (`preview-eq-nll`: labels are unique in the course);
/// sections and pages under the link's href as the page has it (`preview-../b/two.html#details`),
/// since the same heading id can exist on many pages.
enum PreviewBlocks {
    /// A section or page of another page, ready to copy: its heading and first paragraph.
    struct Copy {
        var id: String
        var heading: [Inline]
        var blocks: [Block]
    }

    /// Starts the previews; the search index stops reading a page here.
    static let marker = "<!-- lossbook previews -->"

    static func append(to document: MarkdownDocument, glossary entries: [Glossary.Entry],
                       equations: [(label: String, target: LabelIndex.Target)],
                       figures: [(label: String, target: LabelIndex.Target)] = [],
                       copies: [Copy] = []) -> MarkdownDocument {
        guard !entries.isEmpty || !equations.isEmpty || !figures.isEmpty || !copies.isEmpty else { return document }
        var result = document
        let end = document.blocks.last?.position ?? SourcePosition(line: 1, column: 1)
        result.blocks.append(Block(.html(marker), at: end))
        func open(_ id: String) -> Block {
            var w = HTMLWriter()
            w.open("template", ["id": "preview-\(id)", "class": "preview-source"])
            return Block(.html(w.html), at: end)
        }
        for entry in entries {
            result.blocks.append(open(entry.anchor))
            // A preview is not in this page: its inlines keep the glossary's places, the bold heading
            // around them takes the position of the page's end, where previews are appended.
            result.blocks.append(Block(.paragraph([.strong(entry.heading, at: SourceRange(at: end))] + entry.definition), at: end))
            result.blocks.append(Block(.html("</template>"), at: end))
        }
        for (label, target) in equations {
            guard let tex = target.tex else { continue }
            result.blocks.append(open(label))
            // A preview's formula is not in this page: it takes the start of the equation it shows.
            var math = Math(tex: tex, display: true, position: target.location.start)
            math.number = target.number
            result.blocks.append(Block(.displayMath(math), at: end))
            result.blocks.append(Block(.html("</template>"), at: end))
        }
        for (label, target) in figures {
            guard let html = target.html else { continue }
            result.blocks.append(open(label))
            let numbered = ByteSearch.replacingAll(GeneratedBlock.numberPlaceholder, with: target.number, in: html)
            result.blocks.append(Block(.generated(GeneratedBlock(label: nil, number: nil, html: numbered)), at: end))
            result.blocks.append(Block(.html("</template>"), at: end))
        }
        for copy in copies {
            result.blocks.append(open(copy.id))
            result.blocks.append(Block(.paragraph([.strong(copy.heading, at: SourceRange(at: end))]), at: end))
            result.blocks += copy.blocks
            result.blocks.append(Block(.html("</template>"), at: end))
        }
        return result
    }
}

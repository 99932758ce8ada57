import Foundation

/// The whole course on one page, `print.html`, as mdBook's print.html: a contents page, then
/// every page in reading order, each starting on a new sheet, with figures and math as the pages
/// have them. Ids are prefixed per page (`p3-eq-nll`) so they stay unique, and links between pages
/// become links inside the document, so cross-references and footnotes work in print and in the
/// PDF (`lossbook pdf`). A page's part is made with the page, from the page's bytes and the places
/// its writer noted (`part(ofPage:…)`), or cut out of a finished page (`chunk(of:…)`) when the page
/// was made by an earlier build and its part is not cached.
enum PrintPage {
    static let path = "print.html"

    /// Each page's id prefix in the print page (`p3-`): its place in reading order.
    static func prefixes(of notes: [SourceNote]) -> [String: String] {
        var prefixes: [String: String] = [:]
        for (index, note) in notes.enumerated() { prefixes[note.outputPath] = "p\(index + 1)-" }
        return prefixes
    }

    /// The rewriter of a page's ids and links for the print page; nil for a page not in it.
    static func rewriter(for outputPath: String, prefixes: [String: String]) -> HTMLIdRewriter? {
        guard let prefix = prefixes[outputPath] else { return nil }
        return HTMLIdRewriter(prefix: prefix, pagePrefix: { link in
            guard !link.isEmpty else { return prefix }
            // Foundation's decoding cost 36,000 instructions a link; most links have nothing to decode.
            let decoded = ByteSearch.contains(UInt8(ascii: "%"), in: link) ? link.removingPercentEncoding ?? link : link
            return RelativePath.resolve(decoded, from: outputPath).flatMap { prefixes[$0] }
        }, resource: { link in
            RelativePath.resolve(link, from: outputPath) ?? link
        })
    }

    /// A page's part of the print page, from its finished HTML: the article, its ids prefixed and
    /// its links to other pages turned into links inside the print page. Nil for a page without
    /// an article.
    static func chunk(of page: String, outputPath: String, prefixes: [String: String]) -> String? {
        ByteSearch.withUTF8(page) { chunk(of: $0, outputPath: outputPath, prefixes: prefixes) }.map { String(decoding: $0, as: UTF8.self) }
    }

    /// The same from the page's bytes.
    static func chunk(of page: UnsafeBufferPointer<UInt8>, outputPath: String, prefixes: [String: String]) -> [UInt8]? {
        guard let rewriter = rewriter(for: outputPath, prefixes: prefixes), let article = articleBytes(of: page) else { return nil }
        return article.withUnsafeBufferPointer { rewriter.rewrite(bytes: $0) }
    }

    /// A page's part made with the page: `page` as its template made it, `content` where the
    /// template put the article's HTML, `edits` what the writer noted while writing that HTML.
    /// Only the template's few lines around the HTML, the markup the writer was handed and the
    /// noted attribute values are read; the rest (KaTeX's output, most of a page) is copied.
    /// Gives what `chunk(of:…)` gives for the same page, or nil when that cannot be promised (the
    /// template's article does not hold the HTML whole, a `<script>` or an unclosed tag or
    /// comment in the markup, a contents box outside the template): the caller then cuts the part
    /// out of the page.
    static func part(ofPage page: UnsafeBufferPointer<UInt8>, content: Range<Int>, edits: PrintEdits,
                     outputPath: String, prefixes: [String: String]) -> [UInt8]? {
        guard edits.isComplete, content.upperBound <= page.count, let rewriter = rewriter(for: outputPath, prefixes: prefixes),
              let open = ByteSearch.find(articleOpen, in: page, to: content.lowerBound),
              let openEnd = ByteSearch.firstIndex(of: UInt8(ascii: ">"), in: page, from: open, to: content.lowerBound),
              let close = ByteSearch.findLast(articleClose, in: page, from: content.upperBound, to: page.count) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(close - openEnd + 256)
        // A piece of the page outside the writer's own markup: solutions unfolded, then rewritten
        // on its own, which gives what rewriting the whole article gives if it ends where it began.
        func scan(_ range: Range<Int>) -> Bool {
            guard !range.isEmpty else { return true }
            var piece: [UInt8] = []
            piece.reserveCapacity(range.count + 16)
            copyUnfoldingSolutions(page, range, into: &piece)
            return piece.withUnsafeBufferPointer { rewriter.rewrite(bytes: $0, into: &out) }
        }
        // The template's part before the HTML, without the contents box. Without a box there, a box
        // anywhere else (the author's or a directive's markup, after the HTML) is cut out by
        // `chunk(of:…)`: left to it.
        let head = (openEnd + 1)..<content.lowerBound
        let toc = ByteSearch.find(tocOpen, in: page, from: head.lowerBound, to: head.upperBound)
        if let toc {
            guard let tocEnd = ByteSearch.find(navClose, in: page, from: toc, to: head.upperBound),
                  scan(head.lowerBound..<toc), scan((tocEnd + navClose.count)..<head.upperBound) else { return nil }
        } else {
            guard scan(head) else { return nil }
        }
        func holdsBox(_ range: Range<Int>) -> Bool { ByteSearch.find(tocOpen, in: page, from: range.lowerBound, to: range.upperBound) != nil }
        // The writer's HTML: copied, but for the places it noted.
        var at = content.lowerBound
        for edit in edits.edits {
            let range = (edit.range.lowerBound + content.lowerBound)..<(edit.range.upperBound + content.lowerBound)
            guard range.lowerBound >= at, range.upperBound <= content.upperBound else { return nil }
            out.append(contentsOf: page[at..<range.lowerBound])
            switch edit.kind {
            case .attribute(let attribute):
                let value = String(decoding: page[range], as: UTF8.self)
                out.append(contentsOf: rewriter.rewriteValue(value, attribute: attribute).utf8)
            case .markup:
                guard toc != nil || !holdsBox(range), scan(range) else { return nil }
            case .solution:
                out.append(contentsOf: PrintEdits.openSolution)
            }
            at = range.upperBound
        }
        out.append(contentsOf: page[at..<content.upperBound])
        // The template's part after the HTML.
        let tail = content.upperBound..<close
        guard toc != nil || !holdsBox(tail), scan(tail) else { return nil }
        return out
    }

    /// The print page, with where each page's part lies in it (output path → range of bytes),
    /// for the next build (`PrintParts`). `part` gives a page's part (its ids prefixed by
    /// `prefixes(of: notes)`).
    static func make(notes: [SourceNote], outline: CourseOutline, siteTitle: String, description: String,
                     templates: TemplateSet, part: (SourceNote) -> [UInt8]?) -> (page: Data, placed: [String: Range<Int>]) {
        let prefixes = prefixes(of: notes)
        var chapters: [TemplateValue] = []
        var parts: [(outputPath: String, html: [UInt8])] = []
        var size = 64 * 1024
        for note in notes {
            guard let prefix = prefixes[note.outputPath], let html = part(note) else { continue }
            var entry: TemplateContext = [
                "anchor": .text(prefix + "top"),
                "title": .text(note.frontMatter.title),
                "html": .markup(html),
                "part": .flag(note.isIndex && note.relativePath != outline.home),
            ]
            if let number = outline.chapterNumbers[note.relativePath] { entry["number"] = .number(number) }
            chapters.append(.object(entry))
            parts.append((note.outputPath, html))
            size += html.count + 512
        }
        let context: TemplateContext = [
            "title": .text(siteTitle),
            "siteTitle": .text(siteTitle),
            "description": .text(description),
            "root": "",
            "isHome": true,
            "chapters": .list(chapters),
        ]
        // Made in one buffer of the page's size, the `Data` the site keeps: the print page is the
        // whole course (tens of megabytes for a thousand pages), which growing by doubling copied
        // twice over, and copying into `Data` once more.
        let (page, slots) = templates.renderData("print", context, capacity: size)
        return (page, placements(of: parts, in: page, slots: slots))
    }

    /// Where each part went: the first markup slot after the last part's whose bytes are the
    /// part's. A template may put other markup between parts, or a part twice, or indent it
    /// (which changes its bytes): a part is placed only where its bytes are found as they are.
    static func placements(of parts: [(outputPath: String, html: [UInt8])], in page: Data,
                           slots: [Range<Int>]) -> [String: Range<Int>] {
        var placed: [String: Range<Int>] = [:]
        var next = 0
        page.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            for part in parts {
                var slot = next
                while slot < slots.count {
                    let range = slots[slot]
                    slot += 1
                    if range.count == part.html.count, ByteSearch.matches(part.html, in: bytes, at: range.lowerBound) {
                        placed[part.outputPath] = range
                        next = slot
                        break
                    }
                }
            }
        }
        return placed
    }

    /// What is inside a page's `<article>`, without its on-page contents box.
    static func article(of page: String) -> String? {
        ByteSearch.withUTF8(page) { articleBytes(of: $0) }.map { String(decoding: $0, as: UTF8.self) }
    }

    private static let articleOpen = Array("<article".utf8)
    private static let articleClose = Array("</article>".utf8)
    private static let tocOpen = Array("<nav class=\"toc\"".utf8)
    private static let navClose = Array("</nav>".utf8)

    /// Copies `bytes[range]` with every folded solution unfolded.
    private static func copyUnfoldingSolutions(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into out: inout [UInt8]) {
        var from = range.lowerBound
        while let at = ByteSearch.find(PrintEdits.closedSolution, in: bytes, from: from, to: range.upperBound) {
            out.append(contentsOf: bytes[from..<at])
            out.append(contentsOf: PrintEdits.openSolution)
            from = at + PrintEdits.closedSolution.count
        }
        out.append(contentsOf: bytes[from..<range.upperBound])
    }

    /// The article's bytes, read from the page's without copying the page: the contents box left
    /// out, solutions unfolded (a printed page cannot open them).
    static func articleBytes(of bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard let open = ByteSearch.find(articleOpen, in: bytes),
              let openEnd = ByteSearch.firstIndex(of: UInt8(ascii: ">"), in: bytes, from: open),
              let close = ByteSearch.findLast(articleClose, in: bytes, to: bytes.count), close > openEnd else { return nil }
        var start = openEnd + 1
        var out: [UInt8] = []
        out.reserveCapacity(close - start + 256)
        // The contents box, if there is one, is not copied.
        var skip: Range<Int>?
        if let toc = ByteSearch.find(tocOpen, in: bytes, from: start, to: close),
           let tocEnd = ByteSearch.find(navClose, in: bytes, from: toc, to: close) {
            skip = toc..<(tocEnd + navClose.count)
        }
        // Solutions are looked for on each side of the box (a tag never straddles it: the
        // box is a whole element).
        func copy(_ range: Range<Int>) { copyUnfoldingSolutions(bytes, range, into: &out) }
        if let skip {
            copy(start..<skip.lowerBound)
            start = skip.upperBound
        }
        copy(start..<close)
        return out
    }
}

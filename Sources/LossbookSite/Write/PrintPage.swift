import Foundation

/// The whole course on one page, `print.html`, as mdBook's print.html: a contents page, then
/// every page in reading order, each starting on a new sheet, with figures and math as the pages
/// have them. Ids are prefixed per page (`p3-eq-nll`) so they stay unique, and links between pages
/// become links inside the document, so cross-references and footnotes work in print and in the
/// PDF (`lossbook pdf`). Made from the finished pages themselves, so an incremental build that
/// reuses a page reuses it here too.
enum PrintPage {
    static let path = "print.html"

    /// Each page's id prefix in the print page (`p3-`): its place in reading order.
    static func prefixes(of notes: [SourceNote]) -> [String: String] {
        var prefixes: [String: String] = [:]
        for (index, note) in notes.enumerated() { prefixes[note.outputPath] = "p\(index + 1)-" }
        return prefixes
    }

    /// A page's part of the print page, from its finished HTML: the article, its ids prefixed and
    /// its links to other pages turned into links inside the print page. Nil for a page without
    /// an article.
    static func chunk(of page: String, outputPath: String, prefixes: [String: String]) -> String? {
        guard let prefix = prefixes[outputPath] else { return nil }
        let rewriter = HTMLIdRewriter(prefix: prefix, pagePrefix: { link in
            guard !link.isEmpty else { return prefix }
            let decoded = link.removingPercentEncoding ?? link
            return RelativePath.resolve(decoded, from: outputPath).flatMap { prefixes[$0] }
        }, resource: { link in
            RelativePath.resolve(link, from: outputPath) ?? link
        })
        // The article is cut out and its ids rewritten as bytes: one String at the end.
        guard let article = articleBytes(of: page) else { return nil }
        return String(decoding: article.withUnsafeBufferPointer { rewriter.rewrite(bytes: $0) }, as: UTF8.self)
    }

    /// `chunk` gives a page's part (see `chunk(of:outputPath:prefixes:)`) by its output path;
    /// `cache`, when given, keeps each page's part for the next build.
    static func make(notes: [SourceNote], outline: CourseOutline, siteTitle: String, description: String,
                     templates: TemplateSet, cache: inout PrintChunkCache?, chunk: @escaping (String) -> String?) -> Data {
        let prefixes = prefixes(of: notes)
        var chapters: [TemplateValue] = []
        for note in notes {
            guard let prefix = prefixes[note.outputPath] else { continue }
            let make = { chunk(note.outputPath) }
            guard let html = cache != nil ? cache!.chunk(for: note.outputPath, prefix: prefix, make: make) : make() else { continue }
            var entry: TemplateContext = [
                "anchor": .text(prefix + "top"),
                "title": .text(note.frontMatter.title),
                "html": .text(html),
                "part": .flag(note.isIndex && note.relativePath != outline.home),
            ]
            if let number = outline.chapterNumbers[note.relativePath] { entry["number"] = .number(number) }
            chapters.append(.object(entry))
        }
        let context: TemplateContext = [
            "title": .text(siteTitle),
            "siteTitle": .text(siteTitle),
            "description": .text(description),
            "root": "",
            "isHome": true,
            "chapters": .list(chapters),
        ]
        return Data(templates.render("print", context).utf8)
    }

    /// What is inside a page's `<article>`, without its on-page contents box.
    static func article(of page: String) -> String? {
        articleBytes(of: page).map { String(decoding: $0, as: UTF8.self) }
    }

    private static let articleOpen = Array("<article".utf8)
    private static let articleClose = Array("</article>".utf8)
    private static let tocOpen = Array("<nav class=\"toc\"".utf8)
    private static let navClose = Array("</nav>".utf8)
    private static let closedSolution = Array("<details class=\"solution\">".utf8)
    private static let openSolution = Array("<details class=\"solution\" open>".utf8)

    /// The article's bytes, read from the page's without copying the page: the contents box left
    /// out, solutions unfolded (a printed page cannot open them).
    static func articleBytes(of page: String) -> [UInt8]? {
        ByteSearch.withUTF8(page) { bytes -> [UInt8]? in
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
            func copy(_ range: Range<Int>) {
                // Solutions are looked for on each side of the box (a tag never straddles it: the
                // box is a whole element).
                var from = range.lowerBound
                while let at = ByteSearch.find(closedSolution, in: bytes, from: from, to: range.upperBound) {
                    out.append(contentsOf: bytes[from..<at])
                    out.append(contentsOf: openSolution)
                    from = at + closedSolution.count
                }
                out.append(contentsOf: bytes[from..<range.upperBound])
            }
            if let skip {
                copy(start..<skip.lowerBound)
                start = skip.upperBound
            }
            copy(start..<close)
            return out
        }
    }
}

import Foundation

/// The whole course on one page, `print.html`, as mdBook's print.html: a contents page, then
/// every page in reading order, each starting on a new sheet, with figures and math as the pages
/// have them. Ids are prefixed per page (`p3-eq-nll`) so they stay unique, and links between pages
/// become links inside the document, so cross-references and footnotes work in print and in the
/// PDF (`lossbook pdf`). Made from the finished pages themselves, so an incremental build that
/// reuses a page reuses it here too.
enum PrintPage {
    static let path = "print.html"

    /// `read` gives a page's finished HTML by its output path; `cache`, when given, keeps each
    /// page's part for the next build.
    static func make(notes: [SourceNote], outline: CourseOutline, siteTitle: String, description: String,
                     templates: TemplateSet, cache: inout PrintChunkCache?, read: @escaping (String) -> String?) -> Data {
        var prefixes: [String: String] = [:]
        for (index, note) in notes.enumerated() { prefixes[note.outputPath] = "p\(index + 1)-" }
        var chapters: [TemplateValue] = []
        for note in notes {
            guard let prefix = prefixes[note.outputPath] else { continue }
            let make = { () -> String? in
                guard let page = read(note.outputPath), let article = article(of: page) else { return nil }
                let rewriter = HTMLIdRewriter(prefix: prefix, pagePrefix: { link in
                    guard !link.isEmpty else { return prefix }
                    let decoded = link.removingPercentEncoding ?? link
                    return RelativePath.resolve(decoded, from: note.outputPath).flatMap { prefixes[$0] }
                }, resource: { link in
                    RelativePath.resolve(link, from: note.outputPath) ?? link
                })
                return rewriter.rewrite(article)
            }
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
        let bytes = Array(page.utf8)
        guard let open = find(Array("<article".utf8), in: bytes, from: 0),
              let openEnd = bytes[open...].firstIndex(of: UInt8(ascii: ">")),
              let close = findLast(Array("</article>".utf8), in: bytes), close > openEnd else { return nil }
        var inner = Array(bytes[(openEnd + 1)..<close])
        if let toc = find(Array("<nav class=\"toc\"".utf8), in: inner, from: 0),
           let tocEnd = find(Array("</nav>".utf8), in: inner, from: toc) {
            inner.removeSubrange(toc..<(tocEnd + 6))
        }
        // Solutions unfolded: a printed page cannot open them.
        let closed = Array("<details class=\"solution\">".utf8)
        var unfolded: [UInt8] = []
        unfolded.reserveCapacity(inner.count + 256)
        var from = 0
        while let at = find(closed, in: inner, from: from) {
            unfolded.append(contentsOf: inner[from..<at])
            unfolded.append(contentsOf: Array("<details class=\"solution\" open>".utf8))
            from = at + closed.count
        }
        unfolded.append(contentsOf: inner[from...])
        return String(decoding: unfolded, as: UTF8.self)
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private static func findLast(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        var index = bytes.count - needle.count
        while index >= 0 {
            if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index -= 1
        }
        return nil
    }
}

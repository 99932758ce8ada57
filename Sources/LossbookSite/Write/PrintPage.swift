import Foundation

/// The whole course on one page, `print.html`, as mdBook's print.html: a contents page, then
/// every page in reading order, each starting on a new sheet, with figures and math as the pages
/// have them. Ids are prefixed per page (`p3-eq-nll`) so they stay unique, and links between pages
/// become links inside the document, so cross-references and footnotes work in print and in the
/// PDF (`lossbook pdf`). Made from the finished pages themselves, so an incremental build that
/// reuses a page reuses it here too.
enum PrintPage {
    static let path = "print.html"

    /// `read` gives a page's finished HTML by its output path.
    static func make(notes: [SourceNote], outline: CourseOutline, siteTitle: String, description: String,
                     templates: TemplateSet, read: (String) -> String?) -> Data {
        var prefixes: [String: String] = [:]
        for (index, note) in notes.enumerated() { prefixes[note.outputPath] = "p\(index + 1)-" }
        var chapters: [TemplateValue] = []
        for note in notes {
            guard let prefix = prefixes[note.outputPath], let page = read(note.outputPath),
                  let article = article(of: page) else { continue }
            let rewriter = HTMLIdRewriter(prefix: prefix, pagePrefix: { link in
                guard !link.isEmpty else { return prefix }
                let decoded = link.removingPercentEncoding ?? link
                return RelativePath.resolve(decoded, from: note.outputPath).flatMap { prefixes[$0] }
            }, resource: { link in
                RelativePath.resolve(link, from: note.outputPath) ?? link
            })
            let html = rewriter.rewrite(article).replacingOccurrences(of: "<details class=\"solution\">", with: "<details class=\"solution\" open>")
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
        guard let open = page.range(of: "<article"), let openEnd = page[open.upperBound...].firstIndex(of: ">"),
              let close = page.range(of: "</article>", options: .backwards), close.lowerBound > openEnd else { return nil }
        var inner = String(page[page.index(after: openEnd)..<close.lowerBound])
        if let toc = inner.range(of: "<nav class=\"toc\""), let tocEnd = inner[toc.upperBound...].range(of: "</nav>") {
            inner.removeSubrange(toc.lowerBound..<tocEnd.upperBound)
        }
        return inner
    }
}

/// Builds the values a page template sees: the page's own HTML and metadata, the course's
/// chapter list with the current page marked, previous/next links, and relative paths to assets.
/// Every link is relative to the page, so the site works from file:// and under any sub-path.
struct PageAssembler {
    let outline: CourseOutline
    let siteTitle: String

    /// A heading of the on-page table of contents.
    struct TOCEntry {
        var level: Int
        var title: String
        var anchor: String
    }

    func context(for path: String, html: String, toc: [TOCEntry], listsWholeCourse: Bool = false) -> [String: Any] {
        guard let note = outline.notesByPath[path] else { return [:] }
        let page = note.outputPath
        let root = RelativePath.root(from: page)
        func href(_ source: String) -> String {
            RelativePath.from(page, to: outline.notesByPath[source]?.outputPath ?? source)
        }
        func link(_ source: String?) -> [String: Any]? {
            guard let source, let target = outline.notesByPath[source] else { return nil }
            return ["title": target.frontMatter.title, "href": href(source)]
        }
        var context: [String: Any] = [
            "siteTitle": siteTitle,
            "title": note.frontMatter.title,
            "description": note.frontMatter.description ?? "",
            "content": html,
            "root": root,
            "homeHref": outline.home.map(href) ?? "\(root)index.html",
            "isHome": path == outline.home,
            // The sidebar lists every part but only the chapters of the reader's own part, so a
            // page's size does not grow with the course; assets/contents.js fills in the rest.
            "sidebarParts": parts(current: path, href: href, chaptersOf: { $0.indexPath == path || $0.chapters.contains(path) }),
            "pagePath": note.outputPath,
        ]
        // The full list of parts and chapters is for the pages that show the whole course.
        if path == outline.home || listsWholeCourse { context["parts"] = parts(current: path, href: href, chaptersOf: { _ in true }) }
        if let number = outline.chapterNumbers[path] { context["chapterNumber"] = number }
        if let previous = link(outline.previous(of: path)) { context["previous"] = previous }
        if let next = link(outline.next(of: path)) { context["next"] = next }
        let tocEntries = toc.filter { $0.level == 2 || $0.level == 3 }
        if tocEntries.count >= 3 {
            context["toc"] = tocEntries.map { ["title": $0.title, "anchor": $0.anchor, "sub": $0.level == 3] as [String: Any] }
        }
        return context
    }

    /// The sidebar (and the home page's contents): parts with their chapters.
    private func parts(current: String, href: (String) -> String, chaptersOf include: (CourseOutline.Part) -> Bool) -> [[String: Any]] {
        outline.parts.enumerated().map { index, part in
            var entry: [String: Any] = [
                "title": part.title,
                "number": String(index + 1),
                "current": part.indexPath == current,
                "open": part.indexPath == current || part.chapters.contains(current),
                "folder": part.folder,
                "listed": include(part),
                "chapters": !include(part) ? [] : part.chapters.compactMap { chapter -> [String: Any]? in
                    guard let note = outline.notesByPath[chapter] else { return nil }
                    return [
                        "title": note.frontMatter.title,
                        "description": note.frontMatter.description ?? "",
                        "href": href(chapter),
                        "number": String(outline.chapterNumbers[chapter] ?? 0),
                        "current": chapter == current,
                    ]
                },
            ]
            if let index = part.indexPath {
                entry["href"] = href(index)
                entry["description"] = outline.notesByPath[index]?.frontMatter.description ?? ""
            }
            return entry
        }
    }
}

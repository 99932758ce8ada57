import Foundation

/// Builds the values a page template sees: the page's own HTML and metadata, the course's
/// chapter list with the current page marked, previous/next links, and relative paths to assets.
/// Every link is relative to the page, so the site works from file:// and under any sub-path.
struct PageAssembler {
    let outline: CourseOutline
    let siteTitle: String
    /// Chapter lists already made, shared by the pages of a folder (their links are the same).
    private let chapterLists = ChapterLists()

    init(outline: CourseOutline, siteTitle: String) {
        self.outline = outline
        self.siteTitle = siteTitle
    }

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
        let folder = (page as NSString).deletingLastPathComponent
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
            "sidebarParts": parts(current: path, folder: folder, href: href, chaptersOf: { $0.indexPath == path || $0.chapters.contains(path) }),
            "pagePath": note.outputPath,
        ]
        // The full list of parts and chapters is for the pages that show the whole course.
        if path == outline.home || listsWholeCourse { context["parts"] = parts(current: path, folder: folder, href: href, chaptersOf: { _ in true }) }
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
    private func parts(current: String, folder: String, href: (String) -> String,
                       chaptersOf include: (CourseOutline.Part) -> Bool) -> [[String: Any]] {
        outline.parts.enumerated().map { index, part in
            let listed = include(part)
            var chapters: [[String: Any]] = []
            if listed {
                let (entries, paths) = chapterLists.entries(part: index, folder: folder) {
                    chapterEntries(of: part, href: href)
                }
                chapters = entries
                if let mine = paths.firstIndex(of: current) { chapters[mine]["current"] = true }
            }
            var entry: [String: Any] = [
                "title": part.title,
                "number": String(index + 1),
                "current": part.indexPath == current,
                "open": part.indexPath == current || part.chapters.contains(current),
                "folder": part.folder,
                "listed": listed,
                "chapters": chapters,
            ]
            if let index = part.indexPath {
                entry["href"] = href(index)
                entry["description"] = outline.notesByPath[index]?.frontMatter.description ?? ""
            }
            return entry
        }
    }

    /// A part's chapters, none of them current, and their source paths.
    private func chapterEntries(of part: CourseOutline.Part, href: (String) -> String) -> ([[String: Any]], [String]) {
        var entries: [[String: Any]] = []
        var paths: [String] = []
        for chapter in part.chapters {
            guard let note = outline.notesByPath[chapter] else { continue }
            entries.append([
                "title": note.frontMatter.title,
                "description": note.frontMatter.description ?? "",
                "href": href(chapter),
                "number": String(outline.chapterNumbers[chapter] ?? 0),
                "current": false,
            ])
            paths.append(chapter)
        }
        return (entries, paths)
    }
}

/// Chapter lists by part and by the folder of the page that shows them; pages are assembled on
/// several threads.
private final class ChapterLists: @unchecked Sendable {
    private let lock = NSLock()
    private var lists: [String: ([[String: Any]], [String])] = [:]

    func entries(part: Int, folder: String, make: () -> ([[String: Any]], [String])) -> ([[String: Any]], [String]) {
        let key = "\(part)/\(folder)"
        if let made = lock.withLock({ lists[key] }) { return made }
        let made = make()
        lock.withLock { lists[key] = made }
        return made
    }
}

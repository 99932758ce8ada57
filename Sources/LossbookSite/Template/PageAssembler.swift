import Foundation
import Synchronization

/// Builds the values a page template sees: the page's own HTML and metadata, the course's
/// chapter list with the current page marked, previous/next links, and relative paths to assets.
/// Every link is relative to the page, so the site works from file:// and under any sub-path.
struct PageAssembler {
    let outline: CourseOutline
    let siteTitle: String
    /// The course's settings that every page shows (subtitle, authors, licence, repository…).
    let course: CourseConfig
    /// The content folder as the author names it, for each page's `sourcePath`.
    let contentDisplayPath: String
    /// Chapter lists already made, shared by the pages of a folder (their links are the same).
    private let chapterLists = ChapterLists()
    /// Each page's part (by its index or one of its chapters) and place in the reading order,
    /// looked up once per page instead of searched for: with every page in one folder, searching
    /// the part's chapters and the reading order for each page grew with the square of the course.
    private let partIndex: [String: Int]
    private let readingIndex: [String: Int]

    /// A part with more chapters than this is not listed in its pages' sidebars: each page would
    /// carry the whole part (with every page in one folder, the whole course: the site then grows
    /// with the square of the course). `assets/contents.js` lists it in the browser, as it does the
    /// other parts. The course's own parts have a dozen chapters at most.
    static let sidebarChapterLimit = 100

    init(outline: CourseOutline, siteTitle: String, course: CourseConfig = CourseConfig(), contentDisplayPath: String = "content") {
        self.outline = outline
        self.siteTitle = siteTitle
        self.course = course
        self.contentDisplayPath = contentDisplayPath
        var parts: [String: Int] = [:]
        for (index, part) in outline.parts.enumerated() {
            // As `chapters.contains` and `indexPath ==` found it: the first part that has the page.
            for chapter in part.chapters where parts[chapter] == nil { parts[chapter] = index }
        }
        partIndex = parts
        var reading: [String: Int] = [:]
        for (index, path) in outline.readingOrder.enumerated() where reading[path] == nil { reading[path] = index }
        readingIndex = reading
    }

    /// As `outline.previous(of:)` and `next(of:)`, by the reading order's index.
    private func neighbour(of path: String, _ step: Int) -> String? {
        guard let index = readingIndex[path] else { return nil }
        let order = outline.readingOrder
        return order.indices.contains(index + step) ? order[index + step] : nil
    }

    /// The values the page template of `path` reads: its body, on-page contents, neighbours, footer.
    func context(for path: String, html: String, toc: [PageHeading], listsWholeCourse: Bool = false) -> TemplateContext {
        guard let note = outline.notesByPath[path] else { return [:] }
        let page = note.outputPath
        let root = RelativePath.root(from: page)
        let folder = (page as NSString).deletingLastPathComponent
        func href(_ source: String) -> String {
            RelativePath.from(page, to: outline.notesByPath[source]?.outputPath ?? source)
        }
        func link(_ source: String?) -> TemplateValue? {
            guard let source, let target = outline.notesByPath[source] else { return nil }
            return ["title": .text(target.frontMatter.title), "href": .text(href(source))]
        }
        var context: TemplateContext = [
            "siteTitle": .text(siteTitle),
            "title": .text(note.frontMatter.title),
            "description": .text(note.frontMatter.description ?? ""),
            "content": .text(html),
            "root": .text(root),
            "homeHref": .text(outline.home.map(href) ?? "\(root)index.html"),
            "isHome": .flag(path == outline.home),
            // The sidebar lists every part but only the chapters of the reader's own part, so a
            // page's size does not grow with the course; assets/contents.js fills in the rest.
            "sidebarParts": parts(current: path, folder: folder, href: href, chaptersOf: { index, part in
                (part.indexPath == path || partIndex[path] == index) && part.chapters.count <= Self.sidebarChapterLimit
            }),
            "pagePath": .text(note.outputPath),
            "language": .text(course.language ?? "en"),
            // The note's file as the repository has it, for "edit this page" links.
            "sourcePath": .text(contentDisplayPath + "/" + path),
        ]
        // The course settings (lossbook.yml), each absent when not set.
        if let subtitle = course.subtitle { context["siteSubtitle"] = .text(subtitle) }
        if let description = course.description { context["siteDescription"] = .text(description) }
        if !course.authors.isEmpty {
            context["authors"] = .list(course.authors.map { ["name": .text($0)] })
            context["authorNames"] = .text(course.authors.joined(separator: ", "))
        }
        if let licence = course.licence { context["licence"] = .text(licence) }
        if let repository = course.repository { context["repository"] = .text(repository) }
        // The full list of parts and chapters is for the pages that show the whole course.
        if path == outline.home || listsWholeCourse { context["parts"] = parts(current: path, folder: folder, href: href, chaptersOf: { _, _ in true }) }
        if let number = outline.chapterNumbers[path] { context["chapterNumber"] = .number(number) }
        if let previous = link(neighbour(of: path, -1)) { context["previous"] = previous }
        if let next = link(neighbour(of: path, 1)) { context["next"] = next }
        let tocEntries = toc.filter { $0.level == 2 || $0.level == 3 }
        if tocEntries.count >= 3 {
            context["toc"] = .list(tocEntries.map { ["title": .text($0.title), "anchor": .text($0.anchor), "sub": .flag($0.level == 3)] })
        }
        return context
    }

    /// The sidebar (and the home page's contents): parts with their chapters. A part that is
    /// neither listed, current nor open looks the same from every page of a folder: those entries
    /// are made once per folder (with a thousand pages in parts of fifty, rebuilding each page's
    /// twenty closed entries was most of the sidebar's cost).
    private func parts(current: String, folder: String, href: (String) -> String,
                       chaptersOf include: (Int, CourseOutline.Part) -> Bool) -> TemplateValue {
        var entries = chapterLists.closedParts(folder: folder) {
            outline.parts.enumerated().map { index, part in
                partEntry(index: index, part: part, current: current, folder: folder, listed: false, href: href, closed: true)
            }
        }
        for (index, part) in outline.parts.enumerated() {
            let listed = include(index, part)
            guard listed || part.indexPath == current || partIndex[current] == index else { continue }
            entries[index] = partEntry(index: index, part: part, current: current, folder: folder, listed: listed, href: href, closed: false)
        }
        return .list(entries)
    }

    /// One part of the sidebar; `closed` makes the entry any page of the folder shows for a part
    /// that is not its own (not current, not open, no chapters).
    private func partEntry(index: Int, part: CourseOutline.Part, current: String, folder: String, listed: Bool,
                           href: (String) -> String, closed: Bool) -> TemplateValue {
        var chapters: [TemplateValue] = []
        if listed {
            let (entries, paths) = chapterLists.entries(part: index, folder: folder) {
                chapterEntries(of: part, href: href)
            }
            chapters = entries
            if let mine = paths.firstIndex(of: current) { chapters[mine] = entries[mine].marking("current") }
        }
        var entry: TemplateContext = [
            "title": .text(part.title),
            "number": .text(String(index + 1)),
            "current": .flag(!closed && part.indexPath == current),
            "open": .flag(!closed && (part.indexPath == current || partIndex[current] == index)),
            "folder": .text(part.folder),
            "listed": .flag(listed),
            "chapters": .list(chapters),
        ]
        if let index = part.indexPath {
            entry["href"] = .text(href(index))
            entry["description"] = .text(outline.notesByPath[index]?.frontMatter.description ?? "")
        }
        return .object(entry)
    }

    /// A part's chapters, none of them current, and their source paths.
    private func chapterEntries(of part: CourseOutline.Part, href: (String) -> String) -> ([TemplateValue], [String]) {
        var entries: [TemplateValue] = []
        var paths: [String] = []
        for chapter in part.chapters {
            guard let note = outline.notesByPath[chapter] else { continue }
            entries.append([
                "title": .text(note.frontMatter.title),
                "description": .text(note.frontMatter.description ?? ""),
                "href": .text(href(chapter)),
                "number": .text(String(outline.chapterNumbers[chapter] ?? 0)),
                "current": false,
            ])
            paths.append(chapter)
        }
        return (entries, paths)
    }
}

/// Chapter lists by part and by the folder of the page that shows them, and the closed part
/// entries by folder; pages are assembled on several threads.
private final class ChapterLists: Sendable {
    private let lists = Mutex<[String: ([TemplateValue], [String])]>([:])
    private let closed = Mutex<[String: [TemplateValue]]>([:])

    func closedParts(folder: String, make: () -> [TemplateValue]) -> [TemplateValue] {
        if let made = closed.withLock({ $0[folder] }) { return made }
        let made = make()
        closed.withLock { $0[folder] = made }
        return made
    }

    func entries(part: Int, folder: String, make: () -> ([TemplateValue], [String])) -> ([TemplateValue], [String]) {
        let key = "\(part)/\(folder)"
        if let made = lists.withLock({ $0[key] }) { return made }
        let made = make()
        lists.withLock { $0[key] = made }
        return made
    }
}

private extension TemplateValue {
    /// The same object with `key` set to true.
    func marking(_ key: String) -> TemplateValue {
        guard case .object(var members) = self else { return self }
        members[key] = true
        return .object(members)
    }
}

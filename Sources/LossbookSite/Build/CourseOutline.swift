/// The course's shape: parts in order, chapters in order, and the reading order that previous/next
/// links follow. Built from front matter alone, so it is known before any page is rendered.
public struct CourseOutline: Sendable {
    public struct Part: Sendable {
        public var folder: String
        public var title: String
        /// The part's own page (its `index.md`), if it has one.
        public var indexPath: String?
        /// Chapter notes, relative paths, in order.
        public var chapters: [String]
    }

    public var home: String?
    public var parts: [Part]
    /// Every page in reading order: home, then each part's page followed by its chapters.
    public var readingOrder: [String]
    /// Chapter numbers (1, 2, …) in reading order; part pages and the home page have none.
    public var chapterNumbers: [String: Int]
    public var notesByPath: [String: SourceNote]

    public init(notes: [SourceNote]) {
        notesByPath = Dictionary(uniqueKeysWithValues: notes.map { ($0.relativePath, $0) })
        home = notes.first { $0.relativePath == "index.md" }?.relativePath
        func sortKey(_ note: SourceNote) -> (Int, String) {
            (note.frontMatter.order ?? Int.max, note.relativePath)
        }
        let grouped = Dictionary(grouping: notes.filter { $0.relativePath != "index.md" }, by: \.partFolder)
        var parts: [Part] = []
        for (folder, members) in grouped {
            let index = members.first { $0.relativePath == "\(folder)/index.md" }
            let chapters = members.filter { $0.relativePath != index?.relativePath }
                .sorted { sortKey($0) < sortKey($1) }
                .map(\.relativePath)
            let title = index?.frontMatter.title ?? (folder.isEmpty ? "Pages" : folder)
            parts.append(Part(folder: folder, title: title, indexPath: index?.relativePath, chapters: chapters))
        }
        let byPath = notesByPath
        let partOrder: (Part) -> (Int, String) = { part in
            (part.indexPath.flatMap { byPath[$0]?.frontMatter.order } ?? Int.max, part.folder)
        }
        parts.sort { partOrder($0) < partOrder($1) }
        self.parts = parts
        var reading: [String] = home.map { [$0] } ?? []
        var numbers: [String: Int] = [:]
        for part in parts {
            if let index = part.indexPath { reading.append(index) }
            for chapter in part.chapters {
                reading.append(chapter)
                numbers[chapter] = numbers.count + 1
            }
        }
        readingOrder = reading
        chapterNumbers = numbers
    }

    public func previous(of path: String) -> String? {
        guard let index = readingOrder.firstIndex(of: path), index > 0 else { return nil }
        return readingOrder[index - 1]
    }

    public func next(of path: String) -> String? {
        guard let index = readingOrder.firstIndex(of: path), index + 1 < readingOrder.count else { return nil }
        return readingOrder[index + 1]
    }
}

/// What the course says about itself for every page's footer and for "cite this course": its
/// licence and the repository its sources live in.
///
/// The one seam between where these facts are written (the course settings, `lossbook.yml`) and
/// who uses them (the footer, "cite this course").
public struct CourseMetadata: Hashable, Sendable {
    public var title: String
    /// Free text, e.g. "CC BY 4.0".
    public var licence: String?
    /// Web address of the repository (https://github.com/owner/name), without a trailing slash.
    public var repository: String?
    /// The branch "edit this page" links open.
    public var branch: String
    /// The content folder's path inside the repository, for "edit this page" links.
    public var contentFolder: String

    public init(title: String, licence: String? = nil, repository: String? = nil, branch: String = "main",
                contentFolder: String = "content") {
        self.title = title
        self.licence = licence
        var trimmed = repository
        while trimmed?.hasSuffix("/") == true { trimmed?.removeLast() }
        self.repository = trimmed
        self.branch = branch
        self.contentFolder = contentFolder
    }

    /// From the course settings; the title falls back to the home page's.
    init(course: CourseConfig, outline: CourseOutline, contentFolder: String) {
        let home = outline.home.flatMap { outline.notesByPath[$0]?.frontMatter }
        self.init(title: course.title ?? home?.title ?? "lossbook", licence: course.licence, repository: course.repository,
                  contentFolder: contentFolder)
    }

    /// Where a reader edits a note on the repository's web site (GitHub, GitLab and Gitea all
    /// use `/edit/<branch>/<path>`); nil when the course names no repository.
    func editAddress(of relativePath: String) -> String? {
        guard let repository else { return nil }
        let path = (contentFolder.isEmpty || contentFolder == "." ? "" : contentFolder + "/") + relativePath
        let encoded = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
        return "\(repository)/edit/\(branch)/\(encoded)"
    }

    /// For page keys: a page changes when any of these does.
    var fingerprint: [String] {
        [title, licence ?? "-", repository ?? "-", branch, contentFolder]
    }
}

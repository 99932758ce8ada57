/// The footer every page carries: the course's licence, where the page's source is (with an
/// "edit this page" link when the course names its repository), and when it last changed.
struct PageFooter: Sendable {
    let metadata: CourseMetadata
    let dates: GitDates

    /// The values `footer.mustache` sees for one note.
    func context(for note: SourceNote) -> TemplateValue {
        var footer: TemplateContext = [
            "source": .text(note.displayPath),
        ]
        if let licence = metadata.licence { footer["licence"] = .text(licence) }
        if let edit = metadata.editAddress(of: note.relativePath) { footer["editHref"] = .text(edit) }
        if let repository = metadata.repository { footer["repository"] = .text(repository) }
        if let date = dates.dates[note.relativePath] { footer["updated"] = .text(date) }
        return .object(footer)
    }

    /// For a page's cache key: everything its footer shows.
    func fingerprint(for note: SourceNote) -> [String] {
        metadata.fingerprint + [dates.dates[note.relativePath] ?? "-"]
    }
}

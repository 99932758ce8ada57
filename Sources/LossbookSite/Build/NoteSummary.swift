/// What the rest of the course needs from a note, kept from the last successful build so that an
/// unchanged note is not parsed again: its labels (numbered course-wide), its anchors (for links
/// into it), its references and links (checked again on every build, against the course as it is
/// now) and the diagnostics of its own stages. A note is parsed anyway when its page has to be
/// made again, or its part's search shard.
///
/// Valid while `key` matches: the note's text and place, and the program that read it.
struct NoteSummary: Codable, Equatable, Sendable {
    var key: String
    var labels: [LabelIndex.Definition]
    var anchors: [String]
    var references: [ReferencePass.Check]
    var links: [LinkPass.Check]
    /// Diagnostics of parsing, directives and runnable Swift (warnings: the build succeeded).
    var diagnostics: [Diagnostic]
    var figures: Int
    /// Its sections' headings and first paragraphs, for previews of links to them.
    var sections: [String: PreviewSources.Section]? = nil

    static func key(for note: SourceNote, mathDelimiters: MathDelimiters = .dollars) -> String {
        FNV1a128.hex(of: ["note summary 3", ComputeCache.programIdentity, note.relativePath, note.displayPath, note.outputPath,
                          String(note.bodyFirstLine), note.bodyDigest, mathDelimiters.rawValue])
    }
}

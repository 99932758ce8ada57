/// What the rest of the course needs from a note, kept from the last successful build so that an
/// unchanged note is not parsed again: its labels (numbered course-wide), its anchors (for links
/// into it), its references and links (checked again on every build, against the course as it is
/// now) and the diagnostics of its own stages. A note is parsed anyway when its page has to be
/// made again, or its part's search shard.
///
/// Valid while `key` matches: the note's text and place, and the program that read it.
///
/// The fields live in one immutable box (`Fields`, read and written as if they were the
/// summary's own): a summary is copied for each of 10,000 notes several times a build, and the
/// summaries kept from the last build are compared with those read (`NoteSummaryStore.save`);
/// a box makes a copy one reference count and a kept summary's comparison one identity check.
@dynamicMemberLookup
struct NoteSummary: Codable, Equatable, Sendable {
    struct Fields: Codable, Equatable, Sendable {
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
    }

    private final class Box: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    init(key: String, labels: [LabelIndex.Definition], anchors: [String], references: [ReferencePass.Check], links: [LinkPass.Check],
         diagnostics: [Diagnostic], figures: Int, sections: [String: PreviewSources.Section]? = nil) {
        box = Box(Fields(key: key, labels: labels, anchors: anchors, references: references, links: links, diagnostics: diagnostics,
                         figures: figures, sections: sections))
    }

    init(_ fields: Fields) {
        box = Box(fields)
    }

    /// Every field, as one value (what the byte framing and the tests walk).
    var fields: Fields { box.fields }

    subscript<Value>(dynamicMember field: WritableKeyPath<Fields, Value>) -> Value {
        get { box.fields[keyPath: field] }
        set {
            var fields = box.fields
            fields[keyPath: field] = newValue
            box = Box(fields)
        }
    }

    init(from decoder: any Decoder) throws {
        box = Box(try Fields(from: decoder))
    }

    func encode(to encoder: any Encoder) throws {
        try box.fields.encode(to: encoder)
    }

    static func == (left: NoteSummary, right: NoteSummary) -> Bool {
        left.box === right.box || left.box.fields == right.box.fields
    }

    static func key(for note: SourceNote, mathDelimiters: MathDelimiters = .dollars) -> String {
        FNV1a128.hex(of: ["note summary 3", ComputeCache.programIdentity, note.relativePath, note.displayPath, note.outputPath,
                          String(note.bodyFirstLine), note.bodyDigest, mathDelimiters.rawValue])
    }
}

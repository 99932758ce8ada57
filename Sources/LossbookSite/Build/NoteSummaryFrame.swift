/// A note's summary in the manifest's byte framing (`ByteFrame`), field by field in declaration
/// order. A field added to a summary (or to what it holds) must be added here too:
/// `OutputManifestFrameTests` round-trips the summaries of a built course and compares them whole.
extension NoteSummary {
    func write(to out: inout ByteFrame.Writer) {
        fields.write(to: &out)
    }

    init(reading input: inout ByteFrame.Reader) throws(ByteFrame.Malformed) {
        self.init(try Fields(reading: &input))
    }
}

extension NoteSummary.Fields {
    func write(to out: inout ByteFrame.Writer) {
        out.string(key)
        out.integer(labels.count)
        for label in labels {
            out.string(label.label)
            out.string(label.kind.rawValue)
            out.integer(label.line)
            out.integer(label.column)
            out.optional(label.tex)
            // `html` is not kept (see `LabelIndex.Definition`): `htmlKey` finds it.
            out.optional(label.htmlKey)
        }
        out.integer(anchors.count)
        for anchor in anchors { out.string(anchor) }
        out.integer(references.count)
        for reference in references {
            out.string(reference.label)
            Self.write(reference, to: &out)
        }
        out.integer(links.count)
        for link in links {
            out.bool(link.image)
            out.string(link.destination)
            Self.write(link, to: &out)
        }
        out.integer(diagnostics.count)
        for diagnostic in diagnostics { diagnostic.write(to: &out) }
        out.integer(figures)
        out.bool(sections != nil)
        if let sections {
            out.integer(sections.count)
            for (anchor, section) in sections.sorted(by: { $0.key < $1.key }) {
                out.string(anchor)
                out.string(section.heading)
                out.optional(section.paragraph)
            }
        }
    }

    init(reading input: inout ByteFrame.Reader) throws(ByteFrame.Malformed) {
        key = try input.string()
        labels = []
        for _ in 0..<(try input.count()) {
            let label = try input.string()
            guard let kind = LabelIndex.Kind(rawValue: try input.string()) else { throw ByteFrame.Malformed() }
            labels.append(LabelIndex.Definition(label: label, kind: kind, line: try input.integer(), column: try input.integer(),
                                                tex: try input.optionalString(), htmlKey: try input.optionalString()))
        }
        anchors = []
        for _ in 0..<(try input.count()) { anchors.append(try input.string()) }
        references = []
        for _ in 0..<(try input.count()) {
            var check = ReferencePass.Check(label: try input.string(), at: SourceRange(at: SourcePosition(line: 1, column: 1)))
            (check.line, check.column, check.endLine, check.endColumn) = try Self.readRange(&input)
            references.append(check)
        }
        links = []
        for _ in 0..<(try input.count()) {
            let image = try input.bool()
            var check = LinkPass.Check(image: image, destination: try input.string(), at: SourceRange(at: SourcePosition(line: 1, column: 1)))
            (check.line, check.column, check.endLine, check.endColumn) = try Self.readRange(&input)
            links.append(check)
        }
        diagnostics = []
        for _ in 0..<(try input.count()) { diagnostics.append(try Diagnostic(reading: &input)) }
        figures = try input.integer()
        if try input.bool() {
            var sections: [String: PreviewSources.Section] = [:]
            for _ in 0..<(try input.count()) {
                let anchor = try input.string()
                sections[anchor] = PreviewSources.Section(heading: try input.string(), paragraph: try input.optionalString())
            }
            self.sections = sections
        }
    }

    private static func write(_ range: some StoredRange, to out: inout ByteFrame.Writer) {
        out.integer(range.line)
        out.integer(range.column)
        out.optional(range.endLine)
        out.optional(range.endColumn)
    }

    private static func readRange(_ input: inout ByteFrame.Reader) throws(ByteFrame.Malformed) -> (Int, Int, Int?, Int?) {
        (try input.integer(), try input.integer(), try input.optionalInteger(), try input.optionalInteger())
    }
}

extension Diagnostic {
    /// A diagnostic kept in a cache (`ByteFrame`): reported again by the builds that reuse it.
    func write(to out: inout ByteFrame.Writer) {
        out.string(severity.rawValue)
        out.string(id.rawValue)
        out.bool(location != nil)
        if let location {
            out.string(location.path)
            out.integer(location.line)
            out.integer(location.column)
            out.bool(location.end != nil)
            if let end = location.end {
                out.integer(end.line)
                out.integer(end.column)
            }
        }
        out.string(message)
    }

    init(reading input: inout ByteFrame.Reader) throws(ByteFrame.Malformed) {
        guard let severity = Severity(rawValue: try input.string()), let id = DiagnosticID(rawValue: try input.string()) else {
            throw ByteFrame.Malformed()
        }
        var location: SourceLocation?
        if try input.bool() {
            var place = SourceLocation(path: try input.string(), line: try input.integer(), column: try input.integer())
            if try input.bool() { place.end = SourcePosition(line: try input.integer(), column: try input.integer()) }
            location = place
        }
        self.init(severity, id, at: location, try input.string())
    }
}

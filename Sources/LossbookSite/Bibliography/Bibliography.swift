import Foundation

/// The course's bibliography, `content/references.bib`: every entry with the author–year label
/// citations show ("Huber 1964", "Zhang and Sabuncu 2018", "Lin et al. 2017", with a, b, … when
/// two entries would read alike) and its formatted reference.
struct Bibliography: Sendable {
    /// Where the file lives, relative to the content folder.
    static let fileName = "references.bib"

    struct Reference: Sendable {
        var key: String
        var type: String
        var authors: [BibName]
        var year: String
        var title: String
        /// "Lin et al." — the authors as a citation names them.
        var citedAuthors: String
        /// The year with its disambiguating letter: "2017", "2017a".
        var citedYear: String
        var position: SourcePosition
        var fields: [String: String]
    }

    private(set) var references: [String: Reference] = [:]
    /// Keys in the file's order.
    private(set) var keys: [String] = []
    /// Changes whenever the file does: part of the key of every page that may cite.
    private(set) var fingerprint = "none"

    init() {}

    /// Reads `references.bib` from the content folder; an empty bibliography when there is none.
    static func load(contentDirectory: URL, displayPrefix: String) -> (Bibliography, [Diagnostic]) {
        let url = contentDirectory.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else { return (Bibliography(), []) }
        let display = "\(displayPrefix)/\(fileName)"
        guard let text = String(data: data, encoding: .utf8) else {
            return (Bibliography(), [.error(.bibliographyEncoding, at: SourceLocation(path: display, line: 1, column: 1),
                                            "the bibliography is not UTF-8 text")])
        }
        return parse(text, displayPath: display)
    }

    static func parse(_ text: String, displayPath: String) -> (Bibliography, [Diagnostic]) {
        let parser = BibTeXParser(text, path: displayPath)
        var diagnostics = parser.diagnostics
        var bibliography = Bibliography()
        bibliography.fingerprint = FNV1a128.hex(of: ["bibliography 1", text])
        for entry in parser.entries {
            let location = SourceLocation(path: displayPath, entry.position)
            let authors = BibName.list(entry.field("author") ?? entry.field("editor") ?? "")
            guard !authors.isEmpty || entry.field("organization") != nil else {
                diagnostics.append(.error(.bibliographyField, at: location, "'\(entry.key)' has no author (or editor, or organization)"))
                continue
            }
            guard let year = entry.field("year").map(BibText.plain), !year.isEmpty else {
                diagnostics.append(.error(.bibliographyField, at: location, "'\(entry.key)' has no year"))
                continue
            }
            guard let title = entry.field("title").map(BibText.plain), !title.isEmpty else {
                diagnostics.append(.error(.bibliographyField, at: location, "'\(entry.key)' has no title"))
                continue
            }
            var fields: [String: String] = [:]
            for (name, value) in entry.fields { fields[name] = BibText.plain(value) }
            let cited = authors.isEmpty ? (fields["organization"] ?? "") : citedAuthors(authors)
            bibliography.references[entry.key] = Reference(key: entry.key, type: entry.type, authors: authors, year: year, title: title,
                                                           citedAuthors: cited, citedYear: year, position: entry.position, fields: fields)
            bibliography.keys.append(entry.key)
        }
        bibliography.disambiguate()
        return (bibliography, diagnostics)
    }

    /// "Huber", "Zhang and Sabuncu", "Lin et al." ("and others" counts as more authors).
    static func citedAuthors(_ authors: [BibName]) -> String {
        let named = authors.filter { $0.family.lowercased() != "others" }
        guard let first = named.first else { return "" }
        if named.count == 1, named.count == authors.count { return first.family }
        if named.count == 2, authors.count == 2 { return "\(first.family) and \(named[1].family)" }
        return "\(first.family) et al."
    }

    /// Two entries that would be cited alike get 2017a, 2017b, … in the file's order.
    private mutating func disambiguate() {
        var groups: [String: [String]] = [:]
        for key in keys {
            guard let reference = references[key] else { continue }
            groups["\(reference.citedAuthors)\u{0}\(reference.year)", default: []].append(key)
        }
        for (_, members) in groups where members.count > 1 {
            for (offset, key) in members.enumerated() where offset < 26 {
                let letter = Character(UnicodeScalar(UInt8(ascii: "a") + UInt8(offset)))
                references[key]?.citedYear += String(letter)
            }
        }
    }

    /// Keys for "did you mean".
    var allKeys: [String] { keys }
}

extension Bibliography.Reference {
    /// The reference as a list shows it: authors (year). Title. Venue, volume(number), pages. Link.
    func write(into w: inout HTMLWriter) {
        let names = authors.filter { $0.family.lowercased() != "others" }.map(\.displayName)
        let etAl = authors.count > names.count || names.count > 10
        let shown = Array(names.prefix(10))
        var authorText: String
        switch shown.count {
        case 0: authorText = fields["organization"] ?? ""
        case 1: authorText = shown[0]
        default: authorText = etAl ? shown.joined(separator: ", ") : shown.dropLast().joined(separator: ", ") + " and " + shown.last!
        }
        if etAl { authorText += " et al." }
        w.element("span", ["class": "ref-authors"], text: authorText)
        w.text(" (\(citedYear)). ")
        let book = type == "book"
        if book { w.element("em", text: title) } else { w.element("span", ["class": "ref-title"], text: title) }
        w.text(title.hasSuffix("?") || title.hasSuffix("!") || title.hasSuffix(".") ? " " : ". ")
        var venue: [String] = []
        if let container = fields["journal"] ?? fields["booktitle"] {
            w.element("em", text: container)
            var detail = ""
            if let volume = fields["volume"] { detail += ", \(volume)" }
            if let number = fields["number"] { detail += "(\(number))" }
            if let pages = fields["pages"] { detail += ", \(pages)" }
            w.text(detail)
            venue.append(container)
        }
        if type == "techreport" {
            let report = fields["number"].map { "Technical report \($0)" } ?? "Technical report"
            w.text(report + ", ")
        }
        for name in ["publisher", "institution", "school", "howpublished", "note"] {
            guard let value = fields[name] else { continue }
            w.text(venue.isEmpty ? value : ". \(value)")
            venue.append(value)
        }
        if !venue.isEmpty { w.text(".") }
        if let doi = fields["doi"] {
            w.text(" ")
            w.element("a", ["href": "https://doi.org/\(doi)", "class": "ref-link"], text: "doi:\(doi)")
        } else if let url = fields["url"] {
            w.text(" ")
            w.element("a", ["href": url, "class": "ref-link"], text: url)
        }
    }
}

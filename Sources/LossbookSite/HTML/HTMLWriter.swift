import MarkupEscaping

/// The one place where generated HTML is written: text and attribute values are always escaped,
/// trusted markup (KaTeX's output, the author's raw HTML, SVG from LossPlot) goes in through `raw`
/// and nowhere else.
///
/// It writes UTF-8 bytes: a page goes from the renderer through its template to its file as
/// bytes, without a String in between.
public struct HTMLWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// Where the print page's copy of this HTML differs, noted while writing; nil unless asked for
    /// (`init(recordingPrintEdits:)`).
    private(set) var printEdits: PrintEdits?

    /// The HTML written so far, as a String.
    public var html: String { String(decoding: bytes, as: UTF8.self) }

    public init() {}

    /// A writer that also notes its print edits (see `PrintEdits`), with room for `capacity` bytes.
    init(recordingPrintEdits: Bool, capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
        if recordingPrintEdits { printEdits = PrintEdits() }
    }

    /// An opening tag. Attributes keep the order given, so output is deterministic.
    public mutating func open(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
        let start = bytes.count
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: tag.utf8)
        for (name, value) in attributes {
            guard let value else { continue }
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: name.utf8)
            bytes.append(UInt8(ascii: "="))
            bytes.append(UInt8(ascii: "\""))
            let valueStart = bytes.count
            MarkupEscaping.appendEscaped(value, to: &bytes)
            if printEdits != nil, let attribute = HTMLIdRewriter.attributeOfInterest(name.utf8, value: bytes[valueStart...]) {
                printEdits?.note(valueStart..<bytes.count, .attribute(attribute))
            }
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: ">"))
        if printEdits != nil { printEdits?.noteTag(tag, bytes[start...], at: start) }
    }

    public mutating func close(_ tag: String) {
        bytes.append(UInt8(ascii: "<"))
        bytes.append(UInt8(ascii: "/"))
        bytes.append(contentsOf: tag.utf8)
        bytes.append(UInt8(ascii: ">"))
    }

    /// `<tag …>escaped text</tag>`.
    public mutating func element(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:], text: String) {
        open(tag, attributes)
        self.text(text)
        close(tag)
    }

    /// `<tag …>` followed by whatever `body` writes, then `</tag>`.
    public mutating func element(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:], body: (inout HTMLWriter) -> Void) {
        open(tag, attributes)
        body(&self)
        close(tag)
    }

    /// A void element such as `<input>` or `<br>`.
    public mutating func void(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
        open(tag, attributes)
    }

    public mutating func text(_ text: String) {
        MarkupEscaping.appendEscaped(text, to: &bytes)
    }

    /// Markup that is already HTML and trusted: see the type's comment for what qualifies.
    public mutating func raw(_ markup: String) {
        let start = bytes.count
        bytes.append(contentsOf: markup.utf8)
        if printEdits != nil { printEdits?.note(start..<bytes.count, .markup) }
    }

    /// `raw` for markup already in UTF-8 (a figure's SVG).
    public mutating func raw(bytes markup: [UInt8]) {
        let start = bytes.count
        bytes.append(contentsOf: markup)
        if printEdits != nil { printEdits?.note(start..<bytes.count, .markup) }
    }

    /// KaTeX's output for a formula: trusted markup that names no ids and links nowhere (KaTeX runs
    /// with `trust: false`, so `\href`, `\htmlId` and `\includegraphics` give no attributes), so
    /// the print page takes it as it is, without scanning it.
    mutating func math(_ markup: String) {
        bytes.append(contentsOf: markup.utf8)
    }

    public mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
    }

    /// Text and quoted attribute values, escaped by lossbook's one escaper (MarkupEscaping).
    public static func escape(_ text: String) -> String {
        MarkupEscaping.escaped(text)
    }
}

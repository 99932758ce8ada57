import MarkupEscaping

/// The one place where generated HTML is written: text and attribute values are always escaped,
/// trusted markup (KaTeX's output, the author's raw HTML, SVG from LossPlot) goes in through `raw`
/// and nowhere else.
public struct HTMLWriter: Sendable {
    public private(set) var html = ""

    public init() {}

    /// An opening tag. Attributes keep the order given, so output is deterministic.
    public mutating func open(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
        html += "<\(tag)"
        for (name, value) in attributes {
            guard let value else { continue }
            html += " \(name)=\"\(Self.escape(value))\""
        }
        html += ">"
    }

    public mutating func close(_ tag: String) {
        html += "</\(tag)>"
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
        html += Self.escape(text)
    }

    /// Markup that is already HTML and trusted: see the type's comment for what qualifies.
    public mutating func raw(_ markup: String) {
        html += markup
    }

    public mutating func newline() {
        html += "\n"
    }

    /// Text and quoted attribute values, escaped by lossbook's one escaper (MarkupEscaping).
    public static func escape(_ text: String) -> String {
        MarkupEscaping.escaped(text)
    }
}

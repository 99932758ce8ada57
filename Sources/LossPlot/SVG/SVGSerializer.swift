import MarkupEscaping

/// Turns an ``SVGNode`` tree into text. The only place in LossPlot where markup is written, and
/// so the only place that escapes.
///
/// Output is indented one element per line so stored snapshots diff well; elements whose
/// children are all text (titles, labels, the style sheet) stay on one line so no whitespace
/// leaks into rendered text.
enum SVGSerializer {
    /// - Parameter capacity: bytes to reserve, e.g. the size of the figure's other layout.
    static func serialize(_ node: SVGNode, capacity: Int = 8192) -> String {
        String(decoding: serializeBytes(node, capacity: capacity), as: UTF8.self)
    }

    /// The same text as UTF-8 bytes. Written as bytes: a figure is about two thousand pieces, and
    /// appending each to a String (checking capacity, ASCII-ness and breadcrumbs every time) cost
    /// more than making the pieces.
    static func serializeBytes(_ node: SVGNode, capacity: Int = 8192) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(capacity)
        write(node, depth: 0, into: &out)
        return out
    }

    private static func write(_ node: SVGNode, depth: Int, into out: inout [UInt8]) {
        switch node {
        case .text(let text):
            indent(depth, into: &out)
            MarkupEscaping.appendEscaped(text, to: &out)
            out.append(UInt8(ascii: "\n"))
        case .element(let element):
            indent(depth, into: &out)
            writeOpenTag(element, into: &out)
            if element.children.isEmpty {
                append("/>\n", to: &out)
            } else if element.children.allSatisfy(\.isText) {
                out.append(UInt8(ascii: ">"))
                for case .text(let text) in element.children { MarkupEscaping.appendEscaped(text, to: &out) }
                writeCloseTag(element, into: &out)
            } else {
                append(">\n", to: &out)
                for child in element.children { write(child, depth: depth + 1, into: &out) }
                indent(depth, into: &out)
                writeCloseTag(element, into: &out)
            }
        }
    }

    /// The string's UTF-8 copied in one piece: appending `text.utf8` went through the generic
    /// sequence path, about 170 instructions for a five-letter name.
    private static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            // A name or "=\"" byte by byte: appending a buffer costs about a hundred
            // instructions however short it is.
            if bytes.count <= 16 {
                for byte in bytes { out.append(byte) }
            } else {
                out.append(contentsOf: bytes)
            }
        }
    }

    private static func indent(_ depth: Int, into out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    private static func writeOpenTag(_ element: SVGElement, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "<"))
        append(element.name, to: &out)
        for attribute in element.attributes {
            out.append(UInt8(ascii: " "))
            append(attribute.name, to: &out)
            append("=\"", to: &out)
            MarkupEscaping.appendEscaped(attribute.value, to: &out)
            out.append(UInt8(ascii: "\""))
        }
    }

    private static func writeCloseTag(_ element: SVGElement, into out: inout [UInt8]) {
        append("</", to: &out)
        append(element.name, to: &out)
        append(">\n", to: &out)
    }

    /// Text and attribute values, escaped by the one escaper of lossbook (see MarkupEscaping).
    static func escape(_ string: String) -> String {
        MarkupEscaping.escaped(string)
    }
}

extension SVGNode {
    var isText: Bool {
        if case .text = self { return true }
        return false
    }
}

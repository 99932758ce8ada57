/// Turns an ``SVGNode`` tree into text. The only place in LossPlot where markup is written, and
/// so the only place that escapes.
///
/// Output is indented one element per line so stored snapshots diff well; elements whose
/// children are all text (titles, labels, the style sheet) stay on one line so no whitespace
/// leaks into rendered text.
enum SVGSerializer {
    static func serialize(_ node: SVGNode) -> String {
        var out = ""
        write(node, depth: 0, into: &out)
        return out
    }

    private static func write(_ node: SVGNode, depth: Int, into out: inout String) {
        switch node {
        case .text(let text):
            indent(depth, into: &out)
            out += escape(text)
            out += "\n"
        case .element(let element):
            indent(depth, into: &out)
            writeOpenTag(element, into: &out)
            if element.children.isEmpty {
                out += "/>\n"
            } else if element.children.allSatisfy(\.isText) {
                out += ">"
                for case .text(let text) in element.children { out += escape(text) }
                writeCloseTag(element, into: &out)
            } else {
                out += ">\n"
                for child in element.children { write(child, depth: depth + 1, into: &out) }
                indent(depth, into: &out)
                writeCloseTag(element, into: &out)
            }
        }
    }

    // Appended piece by piece: the figure's markup is most of a page's generated text, and
    // joining temporary strings first cost more than writing them.
    private static func indent(_ depth: Int, into out: inout String) {
        for _ in 0..<depth { out += "  " }
    }

    private static func writeOpenTag(_ element: SVGElement, into out: inout String) {
        out += "<"
        out += element.name
        for attribute in element.attributes {
            out += " "
            out += attribute.name
            out += "=\""
            out += escape(attribute.value)
            out += "\""
        }
    }

    private static func writeCloseTag(_ element: SVGElement, into out: inout String) {
        out += "</"
        out += element.name
        out += ">\n"
    }

    /// Escapes the five XML specials and drops characters XML 1.0 forbids (C0 controls other
    /// than tab, newline and carriage return; lone surrogates cannot occur in a Swift String).
    /// The same escaping is used for text and attribute values: it is correct for both, and
    /// `&#39;` is understood by XML and HTML alike (unlike `&apos;` in old HTML).
    static func escape(_ string: String) -> String {
        // Most values (path data, numbers, plain labels) need nothing: return them as they are.
        if !string.utf8.contains(where: needsEscaping) { return string }
        var out = ""
        out.reserveCapacity(string.utf8.count)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// Bytes that start something `escape` changes: the five specials, C0 controls other than tab,
/// newline and carriage return, and 0xEF (which starts U+FFFE and U+FFFF in UTF-8).
private func needsEscaping(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0xEF: true
    case 0x09, 0x0A, 0x0D: false
    default: byte < 0x20
    }
}

extension SVGNode {
    var isText: Bool {
        if case .text = self { return true }
        return false
    }
}

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
        var out = ""
        out.reserveCapacity(capacity)
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

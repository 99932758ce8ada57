/// The visible text of trusted generated HTML (a directive's figure or table, highlighted code),
/// for the search index. It is not a general HTML parser: it knows the markup lossbook itself
/// writes. SVG drawings, `<style>` and `<script>` are skipped (a figure is found by its caption);
/// KaTeX output is replaced by the formula's TeX read back from its annotation, made readable.
enum HTMLText {
    static func visibleText(_ html: String) -> String {
        var out = ""
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            out += unescape(rest[..<open])
            guard let close = rest[open...].firstIndex(of: ">") else { rest = rest[rest.endIndex...]; break }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            let name = tag.prefix(while: { $0.isLetter || $0.isNumber || $0 == "/" }).lowercased()
            switch name {
            case "svg", "style", "script":
                // Skip to the matching close tag (these never nest in lossbook's output).
                if let end = rest.range(of: "</\(name)>") { rest = rest[end.upperBound...] } else { rest = rest[rest.endIndex...] }
            case "annotation":
                if let end = rest.range(of: "</annotation>") {
                    out += " " + MathText.readable(unescape(rest[..<end.lowerBound])) + " "
                    rest = rest[end.upperBound...]
                }
            case "math":
                // MathML apart from its annotation: skip the presentation elements.
                if let annotation = rest.range(of: "<annotation"), let end = rest.range(of: "</math>"),
                   annotation.lowerBound < end.lowerBound {
                    rest = rest[annotation.lowerBound...]
                } else if let end = rest.range(of: "</math>") {
                    rest = rest[end.upperBound...]
                }
            case "span" where tag.contains("katex-html"):
                rest = skipElement("span", in: rest)
            case "p", "/p", "div", "/div", "br", "li", "/li", "td", "/td", "th", "/th", "tr", "/tr", "figcaption",
                 "/figcaption", "caption", "/caption":
                out += " "
            default:
                break
            }
        }
        out += unescape(rest)
        return MathText.collapseSpaces(out)
    }

    /// The rest of the text after the element whose opening tag was just read (nested tags of
    /// the same name are counted).
    private static func skipElement(_ name: String, in text: Substring) -> Substring {
        var depth = 1
        var rest = text
        while depth > 0, let open = rest.firstIndex(of: "<") {
            let after = rest[rest.index(after: open)...]
            if after.hasPrefix("/\(name)>") {
                depth -= 1
            } else if after.hasPrefix("\(name) ") || after.hasPrefix("\(name)>") {
                depth += 1
            }
            rest = after
        }
        if let close = rest.firstIndex(of: ">") { return rest[rest.index(after: close)...] }
        return rest[rest.endIndex...]
    }

    static func unescape(_ text: Substring) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return String(text) }
        var out = ""
        var rest = text
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let tail = rest[amp...]
            if let semicolon = tail.prefix(10).firstIndex(of: ";") {
                let entity = tail[tail.index(after: amp)..<semicolon]
                if let scalar = decode(entity) {
                    out.unicodeScalars.append(scalar)
                    rest = tail[tail.index(after: semicolon)...]
                    continue
                }
            }
            out += "&"
            rest = tail.dropFirst()
        }
        return out + rest
    }

    private static func decode(_ entity: Substring) -> Unicode.Scalar? {
        switch entity {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return " "
        default:
            if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                return UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            }
            if entity.hasPrefix("#") { return UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init) }
            return nil
        }
    }
}

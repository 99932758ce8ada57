/// The visible text of trusted generated HTML (a directive's figure or table, highlighted code),
/// for the search index. It is not a general HTML parser: it knows the markup lossbook itself
/// writes. SVG drawings, `<style>` and `<script>` are skipped (a figure is found by its caption);
/// KaTeX output is replaced by the formula's TeX read back from its annotation, made readable.
enum HTMLText {
    static func visibleText(_ html: String) -> String {
        var out = ""
        var rest = Substring(html)
        // Markup is found by its bytes: `<` and `>` are ASCII, so every match is at a character
        // boundary, and scanning bytes is many times faster than scanning characters.
        while let open = rest.utf8.firstIndex(of: UInt8(ascii: "<")) {
            out += unescape(rest[..<open])
            guard let close = rest[open...].utf8.firstIndex(of: UInt8(ascii: ">")) else { rest = rest[rest.endIndex...]; break }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            let name = tagName(tag)
            switch name {
            case "svg", "style", "script":
                // Skip to the matching close tag (these never nest in lossbook's output).
                if let end = find("</\(name)>", in: rest) { rest = rest[end.upperBound...] } else { rest = rest[rest.endIndex...] }
            case "annotation":
                if let end = find("</annotation>", in: rest) {
                    out += " " + MathText.readable(unescape(rest[..<end.lowerBound])) + " "
                    rest = rest[end.upperBound...]
                }
            case "math":
                // MathML apart from its annotation: skip the presentation elements.
                if let annotation = find("<annotation", in: rest), let end = find("</math>", in: rest),
                   annotation.lowerBound < end.lowerBound {
                    rest = rest[annotation.lowerBound...]
                } else if let end = find("</math>", in: rest) {
                    rest = rest[end.upperBound...]
                }
            case "span" where find("katex-html", in: tag) != nil:
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

    /// The first occurrence of `needle` in `text`, compared byte by byte (over the string's
    /// contiguous UTF-8 when it has it, which native strings do, with `memchr` finding the
    /// candidates: figures' SVG, most of a figure's bytes, is skipped this way).
    private static func find(_ needle: String, in text: Substring) -> Range<String.Index>? {
        let bytes = Array(needle.utf8)
        guard !bytes.isEmpty else { return nil }
        let view = text.utf8
        let offset = view.withContiguousStorageIfAvailable { ByteSearch.find(bytes, in: $0) }
        switch offset {
        case .some(.some(let start)):
            let lower = view.index(view.startIndex, offsetBy: start)
            return lower..<view.index(lower, offsetBy: bytes.count)
        case .some(.none):
            return nil
        case .none:
            return slowFind(bytes, in: text)
        }
    }

    private static func slowFind(_ bytes: [UInt8], in text: Substring) -> Range<String.Index>? {
        let view = text.utf8
        var start = view.startIndex
        while let candidate = view[start...].firstIndex(of: bytes[0]) {
            var matched = view.index(after: candidate)
            var offset = 1
            while offset < bytes.count, matched < view.endIndex, view[matched] == bytes[offset] {
                matched = view.index(after: matched)
                offset += 1
            }
            if offset == bytes.count { return candidate..<matched }
            start = view.index(after: candidate)
        }
        return nil
    }

    /// The tag's name, lowercased, with a leading `/` for a closing tag: the ASCII letters, digits
    /// and slashes it starts with (lossbook writes no other names; a non-ASCII letter ends it).
    private static func tagName(_ tag: Substring) -> String {
        let view = tag.utf8
        let end = view.firstIndex { byte in
            !(byte == UInt8(ascii: "/") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
              || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20))
        } ?? view.endIndex
        // Cut at an ASCII byte, so at a character boundary; names of up to 15 bytes need no allocation.
        let name = String(Substring(view[..<end]))
        return name.utf8.contains(where: { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) ? name.lowercased() : name
    }

    /// The rest of the text after the element whose opening tag was just read (nested tags of
    /// the same name are counted).
    private static func skipElement(_ name: String, in text: Substring) -> Substring {
        var depth = 1
        var rest = text
        while depth > 0, let open = rest.utf8.firstIndex(of: UInt8(ascii: "<")) {
            let after = rest[rest.index(after: open)...]
            if after.utf8.starts(with: "/\(name)>".utf8) {
                depth -= 1
            } else if after.utf8.starts(with: "\(name) ".utf8) || after.utf8.starts(with: "\(name)>".utf8) {
                depth += 1
            }
            rest = after
        }
        if let close = rest.utf8.firstIndex(of: UInt8(ascii: ">")) { return rest[rest.index(after: close)...] }
        return rest[rest.endIndex...]
    }

    static func unescape(_ text: Substring) -> String {
        guard ByteSearch.contains(UInt8(ascii: "&"), in: text) else { return String(text) }
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

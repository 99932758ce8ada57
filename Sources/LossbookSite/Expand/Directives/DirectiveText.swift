import Foundation

/// Reader-facing text written by a directive (a caption, a column label, a claim) may hold inline
/// math between single dollars. The directive runs before formulas are rendered, so it leaves a
/// marker in its HTML for each formula; the math stage renders the formulas with the rest of the
/// page's and puts KaTeX's output in place of the markers.
enum DirectiveText {
    /// Writes `text` as escaped text, with each `$…$` as a math marker. `\$` is a literal dollar;
    /// an unclosed `$` is kept as text.
    static func write(_ text: String, into w: inout HTMLWriter) {
        for segment in segments(text) {
            switch segment {
            case .text(let plain): w.text(plain)
            case .math(let tex): w.raw(GeneratedBlock.mathMarker(tex))
            }
        }
    }

    /// The text as a reader would type it (formulas as their TeX), for attributes and messages.
    static func plain(_ text: String) -> String {
        segments(text).map { segment in
            switch segment {
            case .text(let plain): plain
            case .math(let tex): tex
            }
        }.joined()
    }

    enum Segment: Equatable {
        case text(String)
        case math(String)
    }

    static func segments(_ text: String) -> [Segment] {
        var result: [Segment] = []
        var plain = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "\\", text.index(after: index) < text.endIndex, text[text.index(after: index)] == "$" {
                plain.append("$")
                index = text.index(index, offsetBy: 2)
                continue
            }
            if character == "$", text.index(after: index) < text.endIndex, text[text.index(after: index)] == "$" {
                // `$$` holds no formula (display math has no place in a label): kept as text.
                plain += "$$"
                index = text.index(index, offsetBy: 2)
                continue
            }
            if character == "$", let close = closingDollar(in: text, after: index) {
                let tex = String(text[text.index(after: index)..<close])
                if !plain.isEmpty { result.append(.text(plain)) }
                plain = ""
                result.append(.math(tex))
                index = text.index(after: close)
                continue
            }
            plain.append(character)
            index = text.index(after: index)
        }
        if !plain.isEmpty { result.append(.text(plain)) }
        return result
    }

    /// The `$` that closes the formula opened at `open`: the next unescaped one, with something between.
    private static func closingDollar(in text: String, after open: String.Index) -> String.Index? {
        var index = text.index(after: open)
        var escaped = false
        while index < text.endIndex {
            let character = text[index]
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "$" {
                return index == text.index(after: open) ? nil : index
            }
            index = text.index(after: index)
        }
        return nil
    }
}

extension GeneratedBlock {
    /// Private-use characters around a formula's TeX (base64, so no HTML escaping can touch it).
    static let mathStart: Character = "\u{E011}"
    static let mathEnd: Character = "\u{E012}"

    static func mathMarker(_ tex: String) -> String {
        "\(mathStart)\(Data(tex.utf8).base64EncodedString())\(mathEnd)"
    }

    private static let mathStartBytes = Array(String(mathStart).utf8)
    private static let mathEndBytes = Array(String(mathEnd).utf8)

    /// Whether `html` holds a formula marker's start (looked for by its bytes: a figure's SVG is
    /// long, and going through it character by character was a tenth of templating a page).
    static func containsMathMarker(_ html: String) -> Bool {
        ByteSearch.withUTF8(html) { ByteSearch.find(mathStartBytes, in: $0) != nil }
    }

    /// The TeX of every formula marker in `html`, in order.
    static func mathMarkers(in html: String) -> [String] {
        var found: [String] = []
        scanMathMarkers(in: html, text: { _ in }, formula: { found.append($0) }, broken: {})
        return found
    }

    /// `html` with each formula marker replaced by `render(tex)`.
    static func replacingMathMarkers(in html: String, _ render: (String) -> String) -> String {
        guard containsMathMarker(html) else { return html }
        var out = ""
        scanMathMarkers(in: html, text: { out += $0 }, formula: { out += render($0) }, broken: { out.append(mathStart) })
        return out
    }

    /// Walks `html` once: the text between markers goes to `text`, each marker's TeX to `formula`,
    /// and a start character that opens no valid marker to `broken` (it is kept as it was).
    private static func scanMathMarkers(in html: String, text: (Substring) -> Void, formula: (String) -> Void, broken: () -> Void) {
        ByteSearch.withUTF8(html) { bytes in
            let utf8 = html.utf8
            func slice(_ from: Int, _ to: Int) -> Substring {
                html[utf8.index(utf8.startIndex, offsetBy: from)..<utf8.index(utf8.startIndex, offsetBy: to)]
            }
            var position = 0
            while let start = ByteSearch.find(mathStartBytes, in: bytes, from: position) {
                text(slice(position, start))
                let body = start + mathStartBytes.count
                guard let end = ByteSearch.find(mathEndBytes, in: bytes, from: body),
                      let data = Data(base64Encoded: String(decoding: UnsafeBufferPointer(rebasing: bytes[body..<end]), as: UTF8.self)),
                      let tex = String(data: data, encoding: .utf8) else {
                    broken()
                    position = body
                    continue
                }
                formula(tex)
                position = end + mathEndBytes.count
            }
            text(slice(position, bytes.count))
        }
    }
}

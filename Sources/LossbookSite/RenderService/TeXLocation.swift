extension RenderService {
    /// The source location of a KaTeX error position.
    ///
    /// - Parameters:
    ///   - offset: KaTeX's `position`: a 0-based offset into the TeX in UTF-16 code units (KaTeX
    ///     indexes a JavaScript string). An offset inside a surrogate pair maps to the start of that
    ///     character; a negative one to the start; one past the end to the end of the TeX.
    ///   - tex: the TeX exactly as sent to KaTeX (the text between the delimiters).
    ///   - startLine: the 1-based line of the TeX's first character in the source file.
    ///   - startColumn: the 1-based column of the TeX's first character, in UTF-8 bytes.
    /// - Returns: a 1-based line and a 1-based column **in UTF-8 bytes** (a `SourcePosition`), like cmark-gfm's source
    ///   positions, so that a math error and a Markdown error point the same way. On the first line
    ///   the column counts from `startColumn`; on later lines of a multi-line display formula it
    ///   counts from 1. `\n`, `\r\n` and `\r` each end a line.
    public static func location(ofOffset offset: Int, inTeX tex: String, startLine: Int, startColumn: Int) -> SourcePosition {
        var line = startLine
        var column = startColumn
        var utf16Offset = 0
        var previousWasCarriageReturn = false
        for scalar in tex.unicodeScalars {
            let width = UTF16.width(scalar)
            if utf16Offset + width > offset { break }
            utf16Offset += width
            switch scalar {
            case "\r":
                line += 1
                column = 1
                previousWasCarriageReturn = true
                continue
            case "\n":
                if !previousWasCarriageReturn {
                    line += 1
                    column = 1
                }
            default:
                column += UTF8.width(scalar)
            }
            previousWasCarriageReturn = false
        }
        return SourcePosition(line: line, column: column)
    }
}

/// A note's body cut into lines, as `split(separator: "\n", omittingEmptySubsequences: false)`
/// cuts it, by bytes: a line feed is a character of its own except after a carriage return (one
/// character, CR LF, which the split does not cut at), so text without CR is cut at every LF byte,
/// and text with one is left to the character-by-character split.
enum SourceLines {
    static func split(_ body: String) -> [Substring] {
        let utf8 = body.utf8
        guard !ByteSearch.contains(UInt8(ascii: "\r"), in: body) else { return body.split(separator: "\n", omittingEmptySubsequences: false) }
        var lines: [Substring] = []
        var start = utf8.startIndex
        while let end = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) {
            lines.append(body[start..<end])
            start = utf8.index(after: end)
        }
        lines.append(body[start...])
        return lines
    }
}

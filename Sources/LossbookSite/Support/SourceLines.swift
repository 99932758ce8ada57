/// A note's body cut into lines, as `split(separator: "\n", omittingEmptySubsequences: false)`
/// cuts it, by bytes: a line feed is a character of its own except after a carriage return (one
/// character, CR LF, which the split does not cut at), so text without CR is cut at every LF byte,
/// and text with one is left to the character-by-character split.
enum SourceLines {
    static func split(_ body: String) -> [Substring] {
        let utf8 = body.utf8
        guard !ByteSearch.contains(UInt8(ascii: "\r"), in: body) else { return body.split(separator: "\n", omittingEmptySubsequences: false) }
        // Cut where `memchr` finds each LF (the generic search over the UTF-8 view was 2,000
        // instructions a line).
        let ranges = ByteSearch.withUTF8(body, ByteSearch.lineRanges(in:))
        return ranges.map { range in
            body[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)]
        }
    }
}

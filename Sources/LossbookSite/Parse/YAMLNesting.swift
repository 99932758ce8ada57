/// How deeply a YAML text nests, estimated from its characters before any YAML parser sees it.
///
/// The YAML parser and the walk that turns its nodes into `YAMLValue`s recurse once per level, so
/// 5,000 `[` in 10 KB crashed them; this scan does not recurse. It over-estimates rather than
/// under-estimates: block levels are counted from indentation and `- `, `? `, `: ` indicators,
/// flow levels from `[` and `{` where a value starts (or anywhere inside a flow collection), with
/// quoted scalars, comments and the lines of block scalars (`|`, `>`) skipped.
enum YAMLNesting {
    /// The first place (1-based line and column of `text`) where the nesting exceeds `limit`.
    static func firstPlaceDeeper(than limit: Int, in text: String) -> (line: Int, column: Int)? {
        var flow = 0
        var quote: UInt8?  // the quote character of a scalar left open at the end of a line
        var blockColumns: [Int] = []
        var blockScalarParent: Int?  // indentation of the line that opened a `|` or `>` scalar
        var lineNumber = 0
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let bytes = Array(line)
            var index = 0
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
            let indent = index
            let blank = index == bytes.count || bytes[index] == UInt8(ascii: "#") || bytes[index] == UInt8(ascii: "\r")
            if let parent = blockScalarParent {
                if blank || indent > parent { continue }
                blockScalarParent = nil
            }
            var atValueStart = true
            if flow == 0 && quote == nil && !blank {
                while let top = blockColumns.last, top > indent { blockColumns.removeLast() }
                if blockColumns.last != indent { blockColumns.append(indent) }
                // `- `, `? ` and `: ` at the start of a line each open a collection inside the last.
                while index < bytes.count, [UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":")].contains(bytes[index]),
                      index + 1 == bytes.count || bytes[index + 1] == UInt8(ascii: " ") {
                    index += 1
                    while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
                    blockColumns.append(index)
                    if blockColumns.count + flow > limit { return (lineNumber, index + 1) }
                }
            }
            if blockColumns.count + flow > limit { return (lineNumber, index + 1) }
            while index < bytes.count {
                let byte = bytes[index]
                if let open = quote {
                    if byte == UInt8(ascii: "\\") && open == UInt8(ascii: "\"") {
                        index += 2
                        continue
                    }
                    if byte == open {
                        if open == UInt8(ascii: "'"), index + 1 < bytes.count, bytes[index + 1] == open {
                            index += 2
                            continue
                        }
                        quote = nil
                    }
                    index += 1
                    continue
                }
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    break
                case UInt8(ascii: "#") where index == 0 || bytes[index - 1] == UInt8(ascii: " ") || bytes[index - 1] == UInt8(ascii: "\t"):
                    index = bytes.count
                    continue
                // (A `where` clause applies to one pattern only, so each pattern carries its own.)
                case UInt8(ascii: "[") where atValueStart || flow > 0, UInt8(ascii: "{") where atValueStart || flow > 0:
                    flow += 1
                    if blockColumns.count + flow > limit { return (lineNumber, index + 1) }
                    atValueStart = true
                    index += 1
                    continue
                case UInt8(ascii: "]") where flow > 0, UInt8(ascii: "}") where flow > 0:
                    flow -= 1
                case UInt8(ascii: ","):
                    if flow > 0 {
                        atValueStart = true
                        index += 1
                        continue
                    }
                case UInt8(ascii: "\"") where atValueStart, UInt8(ascii: "'") where atValueStart:
                    quote = byte
                case UInt8(ascii: "|") where atValueStart && flow == 0, UInt8(ascii: ">") where atValueStart && flow == 0:
                    blockScalarParent = indent
                    index = bytes.count
                    continue
                case UInt8(ascii: ":") where index + 1 == bytes.count || [UInt8(ascii: " "), UInt8(ascii: "\r")].contains(bytes[index + 1]) || flow > 0:
                    atValueStart = true
                    index += 1
                    continue
                case UInt8(ascii: "&") where atValueStart, UInt8(ascii: "!") where atValueStart:
                    // An anchor or a tag comes before the value it names: skip it, the value still starts after.
                    while index < bytes.count, bytes[index] != UInt8(ascii: " ") { index += 1 }
                    continue
                case UInt8(ascii: "-") where atValueStart && flow == 0 && (index + 1 == bytes.count || bytes[index + 1] == UInt8(ascii: " ")),
                     UInt8(ascii: "?") where atValueStart && flow == 0 && (index + 1 == bytes.count || bytes[index + 1] == UInt8(ascii: " ")):
                    // `key: - a` is not YAML, but count it rather than let a parser decide.
                    blockColumns.append(index + 2)
                    if blockColumns.count + flow > limit { return (lineNumber, index + 1) }
                    index += 1
                    continue
                default:
                    atValueStart = false
                }
                if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") && byte != UInt8(ascii: "\r") { atValueStart = false }
                index += 1
            }
        }
        return nil
    }
}

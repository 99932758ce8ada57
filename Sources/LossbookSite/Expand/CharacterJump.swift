extension String {
    /// The first Character boundary at or after `index` whose Character starts with `first` or
    /// `second` (ASCII), or `endIndex`. A scanner that acts only on such Characters (`@`, `[`)
    /// jumps there by bytes instead of stepping Character by Character, which finds grapheme
    /// breaks at every step; it sees the same Characters at the same indices, because a byte
    /// that is not at a Character boundary is skipped, as stepping would skip it.
    func nextCharacter(startingWith first: UInt8, or second: UInt8? = nil, from index: String.Index) -> String.Index {
        // The bytes are read through a buffer: the UTF-8 view's generic search cost about ten
        // instructions a byte, and the passes jump through every paragraph with a citation.
        let second = second ?? first
        let start = utf8.distance(from: utf8.startIndex, to: index)
        return ByteSearch.withUTF8(self) { bytes in
            for at in start..<max(start, bytes.count) where bytes[at] == first || bytes[at] == second {
                if let boundary = String.Index(utf8.index(utf8.startIndex, offsetBy: at), within: self) { return boundary }
            }
            return endIndex
        }
    }
}

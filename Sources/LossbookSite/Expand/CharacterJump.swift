extension String {
    /// The first Character boundary at or after `index` whose Character starts with `first` or
    /// `second` (ASCII), or `endIndex`. A scanner that acts only on such Characters (`@`, `[`)
    /// jumps there by bytes instead of stepping Character by Character, which finds grapheme
    /// breaks at every step; it sees the same Characters at the same indices, because a byte
    /// that is not at a Character boundary is skipped, as stepping would skip it.
    func nextCharacter(startingWith first: UInt8, or second: UInt8? = nil, from index: String.Index) -> String.Index {
        var from = index
        while let at = utf8[from...].firstIndex(where: { $0 == first || $0 == second }) {
            if let boundary = String.Index(at, within: self) { return boundary }
            from = utf8.index(after: at)
        }
        return endIndex
    }
}

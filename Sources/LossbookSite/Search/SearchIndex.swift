import Foundation
import JSONWriting

/// The offline search index, built with the site as classic scripts, so search works from file://
/// (no fetch): one shard per part of the course, and a loader script that lists them. The browser
/// merges the shards; a page edit rewrites only its own part's shard.
///
/// Why our own index rather than lunr's: the course is small (tens of pages), and a lunr index
/// needs lunr itself in the browser (about 100 KB unminified) plus a serialized index that stores
/// every token's positions; it would also need a second node process at build time. This index is
/// a sorted term list with postings (entry, weight) next to the passages' text, which the page's
/// script needs anyway to show a snippet. Terms are lower-cased, diacritics folded, stop words
/// dropped and plurals reduced by the small stemmer that `lossbook.js` mirrors; the browser
/// matches the last query word as a prefix, so partial words find results while typing.
///
/// The output is deterministic: pages in reading order, entries in page order, terms sorted by
/// UTF-16 code units, and every object written with its keys in a fixed (alphabetical) order.
public struct SearchIndex {
    public struct Entry: Equatable {
        /// Index into `pages`.
        public var page: Int
        public var anchor: String?
        public var title: String
        public var text: String
    }

    public private(set) var pages: [(path: String, title: String)] = []
    public private(set) var entries: [Entry] = []

    public init() {}

    /// Adds a page: its opening passage and one passage per heading.
    public mutating func add(page path: String, title: String, document: MarkdownDocument) {
        add(page: path, title: title, sections: SearchSections.sections(of: document))
    }

    /// Adds a page from its passages (`SearchSections.sections(of:)`).
    mutating func add(page path: String, title: String, sections: [SearchSection]) {
        let page = pages.count
        pages.append((path, title))
        for section in sections {
            if section.heading == nil {
                entries.append(Entry(page: page, anchor: nil, title: title, text: section.text))
            } else {
                entries.append(Entry(page: page, anchor: section.anchor, title: section.heading ?? "", text: section.text))
            }
        }
    }

    /// Words that carry no meaning in a query; the browser reads this list from the index.
    static let stopWords: [String] = [
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "in", "is", "it", "its",
        "of", "on", "or", "that", "the", "this", "to", "was", "we", "with",
    ]

    /// How much more a word counts in a heading or title than in the text.
    static let titleWeight = 5

    /// term → [(entry, weight)], weights summed over text and title, entries in increasing order.
    func postings() -> [String: [(Int, Int)]] {
        let (terms, lists) = postingLists()
        return Dictionary(uniqueKeysWithValues: zip(terms, lists))
    }

    /// `postings()` as two arrays, a term's list at its term's place. Each word is looked up once:
    /// a term's number is found by one hash of the word (stop words have none), and its weight in
    /// the entry is counted in an array, not in a dictionary of the entry's words and again in
    /// the dictionary of every term's list.
    func postingLists() -> (terms: [String], lists: [[(Int, Int)]]) {
        var counter = PostingCounter()
        var memo: FoldMemo = [:]
        for (index, entry) in entries.enumerated() {
            counter.weight = 1
            Self.forEachTerm(in: entry.text, memo: &memo, into: &counter)
            counter.weight = Self.titleWeight
            Self.forEachTerm(in: entry.title, memo: &memo, into: &counter)
            counter.endEntry(index)
        }
        return (counter.terms, counter.lists)
    }

    /// Counts an entry's terms into the lists (`postingLists`). A struct passed `inout` rather
    /// than a closure over local variables, which the compiler checked for exclusive access at
    /// run time on every word (a tenth of indexing).
    private struct PostingCounter: TermSink {
        var numbers = TermNumbers()
        var terms: [String] = []
        var lists: [[(Int, Int)]] = []
        var weights: [Int] = []
        var seen: [Int] = []
        /// What a term counts for in the part of the entry being read.
        var weight = 1

        init() {
            for word in SearchIndex.stopWords {
                var word = word
                _ = word.withUTF8 { numbers.number(of: $0, orMake: { -1 }) }
            }
        }

        mutating func take(_ term: UnsafeBufferPointer<UInt8>) {
            let number = numbers.number(of: term, orMake: {
                terms.append(String(decoding: term, as: UTF8.self))
                lists.append([])
                weights.append(0)
                return terms.count - 1
            })
            guard number >= 0 else { return }
            if weights[number] == 0 { seen.append(number) }
            weights[number] += weight
        }

        /// Entries are counted in order, so every list stays sorted by entry.
        mutating func endEntry(_ index: Int) {
            for number in seen {
                lists[number].append((index, weights[number]))
                weights[number] = 0
            }
            seen.removeAll(keepingCapacity: true)
        }
    }

    /// The index's terms for a text: words of letters and digits, lower-cased, without diacritics,
    /// at least two characters long, stemmed.
    static func terms(in text: String) -> [String] {
        var memo: FoldMemo = [:]
        return terms(in: text, memo: &memo)
    }

    /// The folded terms of the non-ASCII runs seen so far while indexing (`postingLists`): a
    /// course's text repeats the same few symbols (σ, ℓ, θ² from its formulas) on every page, and
    /// folding one goes through Foundation's normalization. Canonically equivalent runs share an
    /// entry, as they fold alike (the folding starts with NFKD).
    typealias FoldMemo = [String: [String]]

    /// `terms(in:)` with the folded runs of earlier texts remembered in `memo`.
    static func terms(in text: String, memo: inout FoldMemo) -> [String] {
        var collector = TermCollector()
        forEachTerm(in: text, memo: &memo, into: &collector)
        return collector.terms
    }

    private struct TermCollector: TermSink {
        var terms: [String] = []
        mutating func take(_ term: UnsafeBufferPointer<UInt8>) { terms.append(String(decoding: term, as: UTF8.self)) }
    }

    /// Gives `sink` the UTF-8 of each of the text's terms, in order (`terms(in:)`), without
    /// making a String of an ASCII word: the index looks its terms up by their bytes.
    static func forEachTerm<Sink: TermSink>(in text: String, memo: inout FoldMemo, into sink: inout Sink) {
        // Fast path over bytes: ASCII letters and digits make words, other ASCII separates them.
        // A run that holds any non-ASCII character goes through Unicode folding as a whole, so
        // the result is the same as folding the entire text (ASCII separators never fold). An
        // ASCII word is given as the text's own bytes unless it must be lower-cased or stemmed.
        ByteSearch.withUTF8(text) { bytes in
            var word: [UInt8] = []
            var start = 0
            var ascii = true, upper = false
            for index in 0...bytes.count {
                let byte = index < bytes.count ? bytes[index] : 0x20
                switch byte {
                case 0x30...0x39, 0x61...0x7A:
                    continue
                case 0x41...0x5A:
                    upper = true
                case 0x80...:
                    ascii = false
                default:
                    let run = start..<index
                    start = index + 1
                    defer { ascii = true; upper = false }
                    if !ascii {
                        foldedRun(String(decoding: UnsafeBufferPointer(rebasing: bytes[run]), as: UTF8.self), memo: &memo, into: &sink)
                    } else if run.count >= 2 {
                        if !upper, bytes[run.upperBound - 1] != UInt8(ascii: "s") {
                            sink.take(UnsafeBufferPointer(rebasing: bytes[run]))
                        } else {
                            word.removeAll(keepingCapacity: true)
                            for byte in bytes[run] { word.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte) }
                            stemASCII(&word)
                            word.withUnsafeBufferPointer { sink.take($0) }
                        }
                    }
                }
            }
        }
    }

    /// The terms of a run that holds non-ASCII characters, folded once a build (`memo`).
    private static func foldedRun<Sink: TermSink>(_ text: String, memo: inout FoldMemo, into sink: inout Sink) {
        let folded: [String]
        if let known = memo[text] {
            folded = known
        } else {
            folded = foldedTerms(in: text)
            memo[text] = folded
        }
        for var term in folded { term.withUTF8 { sink.take($0) } }
    }

    /// Terms of a text with non-ASCII characters: ``fold(_:)``, then split on every scalar that
    /// is not a letter or a number.
    private static func foldedTerms(in text: String) -> [String] {
        var terms: [String] = []
        var word = String.UnicodeScalarView()
        func finish() {
            if word.count >= 2 { terms.append(stem(String(word))) }
            word.removeAll()
        }
        for scalar in fold(text).unicodeScalars {
            if isWordScalar(scalar) {
                word.append(scalar)
            } else {
                finish()
            }
        }
        finish()
        return terms
    }

    /// The search vocabulary's folding, which `fold` in lossbook.js repeats step for step (a
    /// test runs both on the same words): compatibility decomposition (NFKD: ligatures such as
    /// "ﬁ" become "fi", "²" becomes "2"), without combining marks (diacritics), lower-cased, with
    /// "ß" as "ss" and the final sigma as "σ" (lower-casing alone keeps both).
    static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCompatibilityMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            scalars.append(scalar)
        }
        var folded = ""
        for scalar in String(scalars).lowercased().unicodeScalars {
            switch scalar {
            case "ß": folded += "ss"
            case "ς": folded += "σ"
            default: folded.unicodeScalars.append(scalar)
            }
        }
        return folded
    }

    /// Letters and numbers make words (`[\p{L}\p{N}]` in lossbook.js); everything else separates them.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// `stem` for a lower-cased ASCII word given as bytes (a word that does not end in "s" is its own stem).
    static func stemASCII(_ word: [UInt8]) -> String {
        var word = word
        stemASCII(&word)
        return String(decoding: word, as: UTF8.self)
    }

    /// `stem` applied to a lower-cased ASCII word's bytes in place: words are most of what a
    /// course's text is, and the index looks them up without making strings of them.
    static func stemASCII(_ word: inout [UInt8]) {
        // The endings of `stem`, read off the last bytes (a third of a cold build's search index
        // went into comparing suffixes generically, once a word).
        let count = word.count
        guard count > 3, word[count - 1] == UInt8(ascii: "s") else { return }
        let second = word[count - 2], third = word[count - 3]
        if second == UInt8(ascii: "e"), third == UInt8(ascii: "i"), count > 4 {
            word.removeLast(3)  // -ies
            word.append(UInt8(ascii: "y"))
        } else if second == UInt8(ascii: "e"), third == UInt8(ascii: "s"), word[count - 4] == UInt8(ascii: "s") {
            word.removeLast(2)  // -sses
        } else if second == UInt8(ascii: "s") || second == UInt8(ascii: "u") || second == UInt8(ascii: "i") {
            // -ss, -us, -is stay
        } else {
            word.removeLast()
        }
    }

    /// A deliberately small English stemmer (plurals only), mirrored by `stem` in lossbook.js:
    /// losses → loss, probabilities → probability, gradients → gradient; `ss`, `us`, `is` endings
    /// stay (loss, softplus, axis).
    static func stem(_ word: String) -> String {
        // Lengths in scalars, as lossbook.js counts code points.
        let length = word.unicodeScalars.count
        guard length > 3 else { return word }
        if word.hasSuffix("ies"), length > 4 { return String(word.unicodeScalars.dropLast(3)) + "y" }
        if word.hasSuffix("sses") { return String(word.unicodeScalars.dropLast(2)) }
        if word.hasSuffix("ss") || word.hasSuffix("us") || word.hasSuffix("is") { return word }
        if word.hasSuffix("s") { return String(word.unicodeScalars.dropLast()) }
        return word
    }

    /// One shard of the index, `assets/search/part-N.js`: the pages of one part of the course,
    /// registered under `name` in `window.lossbookSearchShards`. The page's script loads every
    /// shard the loader lists and merges them, so a page edit rewrites only its part's shard.
    public func shardScript(name: String) -> String {
        String(decoding: shardBytes(name: name), as: UTF8.self)
    }

    /// `shardScript` as UTF-8, written straight into bytes (the index of a large course is
    /// megabytes of JSON; temporary strings for every literal and number were most of its cost).
    func shardBytes(name: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entries.reduce(0) { $0 + $1.text.utf8.count + $1.title.utf8.count } * 2 + 4096)
        JSONText.appendRaw("// lossbook search index: generated by `lossbook build`, do not edit.\n", to: &out)
        JSONText.appendRaw("(window.lossbookSearchShards = window.lossbookSearchShards || {})[", to: &out)
        JSONText.appendString(name, to: &out)
        JSONText.appendRaw("] = {\n\"entries\": [\n", to: &out)
        for (index, entry) in entries.enumerated() {
            out.append(UInt8(ascii: "["))
            JSONText.appendInteger(entry.page, to: &out)
            out.append(UInt8(ascii: ","))
            if let anchor = entry.anchor { JSONText.appendString(anchor, to: &out) } else { JSONText.appendRaw("null", to: &out) }
            out.append(UInt8(ascii: ","))
            JSONText.appendString(entry.title, to: &out)
            out.append(UInt8(ascii: ","))
            JSONText.appendString(entry.text, to: &out)
            JSONText.appendRaw(index == entries.count - 1 ? "]\n" : "],\n", to: &out)
        }
        JSONText.appendRaw("],\n\"pages\": [\n", to: &out)
        for (index, page) in pages.enumerated() {
            out.append(UInt8(ascii: "["))
            JSONText.appendString(page.path, to: &out)
            out.append(UInt8(ascii: ","))
            JSONText.appendString(page.title, to: &out)
            JSONText.appendRaw(index == pages.count - 1 ? "]\n" : "],\n", to: &out)
        }
        let (words, lists) = postingLists()
        // Sorted by UTF-16 code units: the order of JavaScript's `<`, which the browser's binary
        // search over `terms` relies on.
        let order = words.indices.map { ($0, Array(words[$0].utf16)) }
            .sorted { $0.1.lexicographicallyPrecedes($1.1) }
            .map(\.0)
        let terms = order.map { words[$0] }
        JSONText.appendRaw("],\n\"postings\": [\n", to: &out)
        for (index, term) in order.enumerated() {
            out.append(UInt8(ascii: "["))
            for (number, posting) in lists[term].enumerated() {
                if number > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.appendInteger(posting.0, to: &out)
                out.append(UInt8(ascii: ","))
                JSONText.appendInteger(posting.1, to: &out)
            }
            JSONText.appendRaw(index == terms.count - 1 ? "]\n" : "],\n", to: &out)
        }
        JSONText.appendRaw("],\n\"terms\": [\n", to: &out)
        for (index, term) in terms.enumerated() {
            JSONText.appendString(term, to: &out)
            JSONText.appendRaw(index == terms.count - 1 ? "\n" : ",\n", to: &out)
        }
        JSONText.appendRaw("]\n};\n", to: &out)
        return out
    }

    /// `assets/search-index.js`: the shards to load (paths relative to the site's root) and what
    /// the browser needs to read queries the way the index was made.
    public static func loaderScript(shards: [(name: String, path: String)]) -> String {
        var out = "// lossbook search index: generated by `lossbook build`, do not edit.\n"
        out += "window.lossbookSearchIndex = {\n\"shards\": ["
        for (index, shard) in shards.enumerated() {
            if index > 0 { out += "," }
            out += "[" + JSONText.literal(shard.name) + "," + JSONText.literal(shard.path) + "]"
        }
        out += "],\n\"stopWords\": ["
        for (index, word) in stopWords.enumerated() {
            if index > 0 { out += "," }
            out += JSONText.literal(word)
        }
        out += "],\n\"titleWeight\": \(titleWeight),\n\"version\": 2\n};\n"
        return out
    }
}

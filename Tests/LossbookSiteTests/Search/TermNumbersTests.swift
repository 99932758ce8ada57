import LossEngine
import XCTest
@testable import LossbookSite

final class TermNumbersTests: XCTestCase {
    /// Numbers by bytes (any bytes, not only UTF-8), as a dictionary gives them, through many growths of the table
    /// and with words that differ only in their last bytes or their length.
    func testNumbersAreTheDictionarysNumbers() {
        var generator = SeededGenerator(seed: 4)
        var table = TermNumbers()
        var dictionary: [[UInt8]: Int] = [:]
        let letters = Array("ab\u{E9}s".utf8)
        for _ in 0..<40_000 {
            let word = (0..<Int.random(in: 0...9, using: &generator)).map { _ in letters.randomElement(using: &generator)! }
            let number = word.withUnsafeBufferPointer { bytes in
                table.number(of: bytes, orMake: { dictionary.count })
            }
            if let known = dictionary[word] {
                XCTAssertEqual(number, known, "\(word)")
            } else {
                XCTAssertEqual(number, dictionary.count, "\(word)")
                dictionary[word] = number
            }
        }
        XCTAssertEqual(table.count, dictionary.count)
        XCTAssertGreaterThan(table.count, 1_000, "the table grew")
    }

    /// The posting lists against the plain way of making them: the terms of each entry's text
    /// and title counted in a dictionary of strings.
    func testPostingsAreCountedFromTheTermsOfEachEntry() {
        var generator = SeededGenerator(seed: 11)
        let words = ["loss", "losses", "the", "Gradient", "gradients", "café", "Café", "σ²", "ℓ", "of", "probabilities", "axis", "x1", "a"]
        var index = SearchIndex()
        for page in 0..<30 {
            let sections = (0..<Int.random(in: 1...4, using: &generator)).map { section in
                SearchSection(anchor: section == 0 ? nil : "s\(section)", heading: section == 0 ? nil : words.randomElement(using: &generator)!,
                              text: (0..<Int.random(in: 0...30, using: &generator)).map { _ in words.randomElement(using: &generator)! }.joined(separator: " "))
            }
            index.add(page: "p\(page).html", title: "Page \(words.randomElement(using: &generator)!)", sections: sections)
        }
        var expected: [String: [(Int, Int)]] = [:]
        for (number, entry) in index.entries.enumerated() {
            var weights: [String: Int] = [:]
            for term in SearchIndex.terms(in: entry.text) { weights[term, default: 0] += 1 }
            for term in SearchIndex.terms(in: entry.title) { weights[term, default: 0] += SearchIndex.titleWeight }
            for (term, weight) in weights where !SearchIndex.stopWords.contains(term) { expected[term, default: []].append((number, weight)) }
        }
        let postings = index.postings()
        XCTAssertEqual(Set(postings.keys), Set(expected.keys))
        for (term, list) in expected {
            XCTAssertEqual(postings[term]?.map(\.0), list.map(\.0), term)
            XCTAssertEqual(postings[term]?.map(\.1), list.map(\.1), term)
        }
    }
}

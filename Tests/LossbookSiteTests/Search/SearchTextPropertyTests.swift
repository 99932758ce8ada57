import Foundation
import XCTest
@testable import LossbookSite

/// The byte-level fast paths of the search index give exactly what the plain Unicode versions give.
final class SearchTextPropertyTests: XCTestCase {
    private static let pieces = ["loss", "Losses", " ", "  ", "\n", "\t", "\r\n", "σ", "é", "e\u{301}", "Ünïcode", "x_1", "ß", "ﬁ",
                                 "-", ",", "42", "3.14", "(", ")", "🙂", "probabilities", "A", "z", "日本"]

    /// What the search index did before its fast paths: fold the whole text, split on non-alphanumerics.
    private func referenceTerms(_ text: String) -> [String] {
        var terms: [String] = []
        var word = ""
        for character in text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) {
            if character.isLetter || character.isNumber { word.append(character) } else {
                if word.count >= 2 { terms.append(SearchIndex.stem(word)) }
                word = ""
            }
        }
        if word.count >= 2 { terms.append(SearchIndex.stem(word)) }
        return terms
    }

    func testFastPathsAgreeWithUnicodeOnRandomTexts() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(SearchIndex.terms(in: text), referenceTerms(text), "terms of \(text.debugDescription)")
            XCTAssertEqual(MathText.collapseSpaces(text),
                           text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " "),
                           "spaces of \(text.debugDescription)")
        }
    }

    func testByteStemmerAgreesWithTheStringStemmer() {
        var generator = SystemRandomNumberGenerator()
        let letters = Array("aeiusy".utf8)
        for word in ["ies", "pies", "series", "sses", "classes", "ss", "bus", "axis", "s", "as", "gradients", "is"] + (0..<5000).map({ _ in
            String(decoding: (0..<Int.random(in: 0...7, using: &generator)).map { _ in letters.randomElement(using: &generator)! }, as: UTF8.self)
        }) {
            XCTAssertEqual(SearchIndex.stemASCII(Array(word.utf8)), SearchIndex.stem(word), word)
        }
    }
}

import Foundation
import LossbookTestSupport
import XCTest
@testable import LossbookSite

/// The index's terms (Swift) and the reader's query terms (lossbook.js) come from one definition
/// of folding, word splitting and stemming. Before, the index folded "Straße" to "strasse" and
/// "ﬁnal" to "final" while the browser did not, so neither word could be found.
final class SearchVocabularyTests: XCTestCase {
    /// Words a course may hold: accents, ligatures, German ß, Greek with a final sigma, Cyrillic,
    /// math letters and digits, superscripts, fractions, full-width forms, Turkish dotted I,
    /// combining sequences, astral letters, CJK, plurals at the stemmer's length edges.
    static let words = [
        "Straße", "STRASSE", "ẞ", "ﬁnal", "ﬂuffy", "Æsir", "œuvre", "café", "naïve", "Ångström",
        "ΟΔΟΣ", "οδός", "Σίσυφος", "λόγος", "Ελληνικά", "Москва", "ёлка", "İstanbul", "ı", "ǅemal",
        "𝑥𝑦", "𝔼", "𝐱²", "x²", "½", "①②", "ＡＢＣ", "ｆｕｌｌ", "e\u{301}te\u{301}", "n\u{303}a",
        "𠀋𠀌", "学习率", "損失関数", "가나다", "ies", "dies", "flies", "classes", "bus", "axis", "loss",
        "losses", "probabilities", "softplus", "µs", "Ωs", "ﬃx", "Ǆ", "ſ", "ﬅ", "x_1", "KL(p‖q)",
        "α-divergence", "L²-norm", "e⁻ˣ", "Ⅻ", "٣٤", "१२", "don’t", "co-operate", "🙂smile",
    ]

    func testSwiftAndJavaScriptFoldSplitAndStemAlike() throws {
        let node = try XCTUnwrap(["/usr/bin/node", "/usr/local/bin/node"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                 "node is installed by `make deps`")
        let script = try String(contentsOf: TestProject.repositoryRoot.appendingPathComponent("templates/assets/lossbook.js"), encoding: .utf8)
        let start = try XCTUnwrap(script.range(of: "  // ---- search vocabulary:"))
        let end = try XCTUnwrap(script.range(of: "  // ---- end of the search vocabulary. ----"))
        let vocabulary = String(script[start.lowerBound..<end.lowerBound])
        let input = try JSONSerialization.data(withJSONObject: Self.words + [Self.words.joined(separator: " ")])
        let program = vocabulary + """
            var words = JSON.parse(require("fs").readFileSync(0, "utf8"));
            process.stdout.write(JSON.stringify(words.map(termsOf)));
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: node)
        process.arguments = ["-e", program]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let javaScript = try XCTUnwrap(JSONSerialization.jsonObject(with: output) as? [[String]])
        for (word, browser) in zip(Self.words + ["(all)"], javaScript) {
            let index = word == "(all)" ? SearchIndex.terms(in: Self.words.joined(separator: " ")) : SearchIndex.terms(in: word)
            XCTAssertEqual(index, browser, "'\(word)': the index and the browser disagree")
        }
    }

    func testFoldingFindsTheWordsThatWereLost() {
        XCTAssertEqual(SearchIndex.terms(in: "Straße ﬁnal ΟΔΟΣ Ångström 𝑥𝑦"), ["strasse", "final", "οδοσ", "angstrom", "xy"])
        XCTAssertEqual(SearchIndex.terms(in: "classes probabilities bus"), ["class", "probability", "bus"])
    }
}

import Foundation
import LossbookTestSupport
import XCTest
@testable import LossbookSite
import JSONWriting

final class RenderHashTests: XCTestCase {
    private func fnv(_ text: String) -> String {
        var hash = FNV1a128()
        hash.combine(bytes: Data(text.utf8))
        return hash.hex
    }

    func testReferenceValues() {
        // Reference values of FNV-1a 128 (offset basis, "a" and "foobar" from the FNV test suite).
        XCTAssertEqual(fnv(""), "6c62272e07bb014262b821756295c58d")
        XCTAssertEqual(fnv("a"), "d228cb696f1a8caf78912b704e4a8964")
        XCTAssertEqual(fnv("foobar"), "343e1662793c64bf6f0d3597ba446f18")
        XCTAssertEqual(fnv("é😀"), "5e5c6e01983c64bf6cea257c9c8676c4")
    }

    func testFieldsAreLengthPrefixed() {
        XCTAssertNotEqual(FNV1a128.hex(of: ["ab", "c"]), FNV1a128.hex(of: ["a", "bc"]))
        XCTAssertEqual(FNV1a128.hex(of: ["ab", "c"]), FNV1a128.hex(of: ["ab", "c"]))
    }

    func testJSONTextRoundTrips() throws {
        let texts = ["", "plain", "\"q\" \\ back", "line\nbreak\r\n\ttab", "\u{0}\u{1}\u{1f}", "\u{2028}\u{2029}", "é 日本 😀"]
        for text in texts {
            var json: [UInt8] = []
            JSONText.appendString(text, to: &json)
            XCTAssertFalse(json.contains(UInt8(ascii: "\n")), "one line")
            let decoded = try JSONDecoder().decode(String.self, from: Data(json))
            XCTAssertEqual(decoded, text)
        }
    }

    /// Random texts made of pieces next to and around what needs escaping (runs are copied whole).
    func testJSONTextRoundTripsRandomTexts() throws {
        let pieces = ["a", "bc", " ", "\"", "\\", "\n", "\r\n", "\t", "\u{0}", "\u{7f}", "\u{2027}", "\u{2028}", "\u{2029}",
                      "\u{202a}", "€", "é", "😀", "/", "\u{e2}"]
        var generator = SeededRandom(seed: 2026)
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...10, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            var json: [UInt8] = []
            JSONText.appendString(text, to: &json)
            XCTAssertFalse(json.contains(UInt8(ascii: "\n")), "one line")
            XCTAssertEqual(try JSONDecoder().decode(String.self, from: Data(json)), text, text.debugDescription)
            XCTAssertFalse(String(decoding: json, as: UTF8.self).contains("\u{2028}"))
        }
    }
}

import Foundation
import LossbookTestSupport
import XCTest
@testable import LossbookSite

/// The identifiers are an enum, documented in docs/diagnostics.md; these tests keep the enum, the
/// document and the sources in step.
final class DiagnosticIDTests: XCTestCase {
    private static let root = TestProject.repositoryRoot
    private static let documentPath = "docs/diagnostics.md"

    /// docs/diagnostics.md as `DiagnosticID` says it should read. Run the test with
    /// LOSSBOOK_UPDATE_DIAGNOSTICS_DOC=1 to rewrite the document after adding an identifier.
    static func document() -> String {
        var lines = [
            "# Diagnostics",
            "",
            "<!-- Generated from DiagnosticID (Sources/LossbookSite/Diagnostics/DiagnosticID.swift); DiagnosticIDTests checks that the two agree. -->",
            "",
            "Every problem lossbook reports reads `path:line:col: error: message` (or `warning:`) and has a stable",
            "identifier, listed here. `lossbook serve` sends it with each problem in its `build-error` event; tests",
            "match on it. An identifier never changes meaning; a new kind of problem gets a new one.",
            "",
            "| Identifier | Meaning |",
            "| --- | --- |",
        ]
        for id in DiagnosticID.allCases {
            lines.append("| `\(id.rawValue)` | \(id.summary) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func testTheDocumentListsEveryIdentifierWithItsMeaning() throws {
        let url = Self.root.appendingPathComponent(Self.documentPath)
        let expected = Self.document()
        if ProcessInfo.processInfo.environment["LOSSBOOK_UPDATE_DIAGNOSTICS_DOC"] == "1" {
            try expected.write(to: url, atomically: true, encoding: .utf8)
        }
        let actual = try String(contentsOf: url, encoding: .utf8)
        XCTAssertEqual(actual, expected, "\(Self.documentPath) and DiagnosticID disagree; rerun with LOSSBOOK_UPDATE_DIAGNOSTICS_DOC=1")
    }

    func testIdentifiersAreWellFormedDistinctAndSummarised() {
        let pattern = try! NSRegularExpression(pattern: "^lossbook(\\.[a-z][a-z0-9-]*[a-z0-9]){2}$")
        for id in DiagnosticID.allCases {
            let raw = id.rawValue
            XCTAssertNotNil(pattern.firstMatch(in: raw, range: NSRange(raw.startIndex..., in: raw)), raw)
            XCTAssertTrue(id.summary.hasSuffix("."), "\(raw): a summary is one sentence")
            XCTAssertFalse(id.summary.contains("|"), "\(raw): a pipe would break the table")
        }
        XCTAssertEqual(Set(DiagnosticID.allCases.map(\.rawValue)).count, DiagnosticID.allCases.count)
    }

    func testOrderFollowsTheText() {
        // DiagnosticLog sorts same-place diagnostics by identifier; the enum must sort as the text did.
        let sorted = DiagnosticID.allCases.sorted()
        XCTAssertEqual(sorted.map(\.rawValue), DiagnosticID.allCases.map(\.rawValue).sorted())
    }

    /// Code still naming an identifier by its text (Build/, until the integrator converts it) must
    /// name a known one; every identifier must be reported somewhere.
    func testSourcesUseOnlyKnownIdentifiersAndEveryIdentifierIsUsed() throws {
        let sources = Self.root.appendingPathComponent("Sources")
        let literal = try NSRegularExpression(pattern: "\"(lossbook\\.[a-z0-9-]+\\.[a-z0-9.-]+)\"")
        var everything = ""
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        for case let url as URL in enumerator where url.pathExtension == "swift" && url.lastPathComponent != "DiagnosticID.swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            everything += text
            for match in literal.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let raw = String(text[Range(match.range(at: 1), in: text)!])
                XCTAssertNotNil(DiagnosticID(rawValue: raw), "\(url.lastPathComponent) names an unknown identifier '\(raw)'")
            }
        }
        let member = try NSRegularExpression(pattern: "\\.([a-zA-Z0-9]+)")
        let used = Set(member.matches(in: everything, range: NSRange(everything.startIndex..., in: everything)).map {
            String(everything[Range($0.range(at: 1), in: everything)!])
        })
        for id in DiagnosticID.allCases {
            XCTAssertTrue(used.contains(String(describing: id)) || everything.contains("\"\(id.rawValue)\""),
                          "\(id.rawValue) is never reported; remove it or report it")
        }
    }

    func testDiagnosticsEncodeTheirIdentifierAsText() throws {
        let diagnostic = Diagnostic.error(.linkBroken, at: SourceLocation(path: "a.md", line: 2, column: 3), "gone")
        let json = String(decoding: try JSONEncoder().encode(diagnostic), as: UTF8.self)
        XCTAssertTrue(json.contains("\"id\":\"lossbook.link.broken\""), json)
        XCTAssertEqual(try JSONDecoder().decode(Diagnostic.self, from: Data(json.utf8)), diagnostic)
    }
}

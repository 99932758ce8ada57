import LossbookTestSupport
import XCTest
@testable import LossbookSite

/// The BibTeX parser on real entries (accents, protected capitals, several authors, @string
/// abbreviations and concatenation) and on broken ones (each error at its line and column).
final class BibTeXParserTests: XCTestCase {
    private func parse(_ text: String, limits: BibTeXParser.Limits = .init()) -> BibTeXParser {
        BibTeXParser(text, path: "content/references.bib", limits: limits)
    }

    func testRealEntriesWithAccentsBracesAndSeveralAuthors() {
        let parser = parse(#"""
        Free text before an entry is a comment.
        @string{iccv = "Proceedings of the IEEE International Conference on Computer Vision"}
        @comment{ @article{ignored, title = {not an entry}} }
        @preamble{ "\newcommand{\noop}[1]{}" }

        @InProceedings{lin2017focal,
          author    = {Lin, Tsung-Yi and Goyal, Priya and Girshick, Ross and He, Kaiming and Doll{\'a}r, Piotr},
          title     = {Focal Loss for Dense Object Detection},
          booktitle = iccv # " (ICCV)",
          pages     = "2980--2988",
          year      = 2017,
        }
        @article{graves2006ctc,
          author = {Graves, Alex and Fern\'{a}ndez, Santiago and Gomez, Faustino and Schmidhuber, J{\"u}rgen},
          title  = "Connectionist Temporal Classification: {L}abelling {"}Unsegmented{"} Sequence Data",
          year   = {2006}
        }
        @book(legendre1805, author = {Legendre, Adrien-Marie}, title = {Nouvelles m\'ethodes}, year = 1805, month = mar)
        """#)
        XCTAssertEqual(parser.diagnostics.map(\.description), [])
        XCTAssertEqual(parser.entries.map(\.key), ["lin2017focal", "graves2006ctc", "legendre1805"])
        let lin = parser.entries[0]
        XCTAssertEqual(lin.type, "inproceedings")
        XCTAssertEqual(lin.field("booktitle"), "Proceedings of the IEEE International Conference on Computer Vision (ICCV)")
        XCTAssertEqual(lin.field("year"), "2017")
        XCTAssertEqual(lin.position, SourcePosition(line: 6, column: 1))
        let authors = BibName.list(lin.field("author")!)
        XCTAssertEqual(authors.map(\.family), ["Lin", "Goyal", "Girshick", "He", "Dollár"])
        XCTAssertEqual(authors[0].given, "Tsung-Yi")
        let graves = parser.entries[1]
        XCTAssertEqual(BibName.list(graves.field("author")!).map(\.family), ["Graves", "Fernández", "Gomez", "Schmidhuber"])
        XCTAssertEqual(BibName.list(graves.field("author")!)[3].displayName, "Jürgen Schmidhuber")
        XCTAssertEqual(BibText.plain(graves.field("title")!), #"Connectionist Temporal Classification: Labelling "Unsegmented" Sequence Data"#)
        XCTAssertEqual(parser.entries[2].field("month"), "March", "month abbreviations are predefined")
        XCTAssertEqual(BibText.plain(parser.entries[2].field("title")!), "Nouvelles méthodes")
    }

    func testTeXToText() {
        XCTAssertEqual(BibText.plain(#"{\"o}{\"O} \'e \`e \^o \~n \v{s} \c{c} \H{o} \k{a} \u{g} \=a \.z \r{a}"#), "öÖ é è ô ñ š ç ő ą ğ ā ż å")
        XCTAssertEqual(BibText.plain(#"{\ss} \o{} {\O} \ae \l \i"#), "ß ø Ø æłı", "a control word ends at the spaces after it, as in TeX")
        XCTAssertEqual(BibText.plain(#"Estad{\'\i}stica"#), "Estadística", "an accent on a dotless i")
        XCTAssertEqual(BibText.plain(#"pages 12--57 --- \& 50\% \$5 a\_b {PolyLoss}: \emph{very} A~B"#),
                       "pages 12–57 — & 50% $5 a_b PolyLoss: very A\u{A0}B")
    }

    func testNames() {
        XCTAssertEqual(BibName.parse("van den Oord, Aaron"), BibName(family: "van den Oord", given: "Aaron", suffix: ""))
        XCTAssertEqual(BibName.parse("Ludwig van Beethoven"), BibName(family: "van Beethoven", given: "Ludwig", suffix: ""))
        XCTAssertEqual(BibName.parse("Bassett, Jr., Gilbert"), BibName(family: "Bassett", given: "Gilbert", suffix: "Jr."))
        XCTAssertEqual(BibName.parse("{Barnes and Noble}"), BibName(family: "Barnes and Noble", given: "", suffix: ""))
        XCTAssertEqual(BibName.list("{Barnes and Noble} and Smith, J.").map(\.family), ["Barnes and Noble", "Smith"])
        XCTAssertEqual(Bibliography.citedAuthors(BibName.list("Huber, Peter J.")), "Huber")
        XCTAssertEqual(Bibliography.citedAuthors(BibName.list("Zhang, Zhilu and Sabuncu, Mert R.")), "Zhang and Sabuncu")
        XCTAssertEqual(Bibliography.citedAuthors(BibName.list("Lin, T. and Goyal, P. and He, K.")), "Lin et al.")
        XCTAssertEqual(Bibliography.citedAuthors(BibName.list("Lin, T. and others")), "Lin et al.")
    }

    func testErrorsAreLocatedAndParsingGoesOn() {
        let parser = parse("""
        @article{a, title = {ok}, year = 2000, author = {A, B}}
        @article{b, title = {never closed, year = 2001}
        @article{c, title = jurnal, year = 2002}
        @article{a, title = {again}, year = 2003}
        @article{d title = {x}}
        @article{e, title = {x}, title = {y}}
        @article{f, author = {F, G}, title = {fine}, year = 2004}
        """)
        XCTAssertEqual(parser.diagnostics.map(\.description), [
            "content/references.bib:3:1: error: expected ',' between the fields of 'b', found '@'",
            "content/references.bib:3:21: error: unknown abbreviation 'jurnal'; define it with @string{jurnal = {…}} before it is used",
            "content/references.bib:4:1: error: duplicate key 'a' (first defined at line 1)",
            "content/references.bib:5:12: error: expected ',' between the fields of 'd', found 't'",
            "content/references.bib:6:26: error: the field 'title' appears twice in 'e'",
        ])
        XCTAssertEqual(parser.entries.map(\.key), ["a", "e", "f"])
        let unclosed = parse("@article{z, title = {never closed\n")
        XCTAssertEqual(unclosed.diagnostics.map(\.description), ["content/references.bib:1:21: error: this brace is never closed"])
    }

    func testLimits() {
        let deep = parse("@article{x, title = {" + String(repeating: "{", count: 100) + String(repeating: "}", count: 101) + "}")
        XCTAssertEqual(deep.diagnostics.first?.description, "content/references.bib:1:85: error: braces nested more than 64 deep")
        var small = BibTeXParser.Limits()
        small.bytes = 10
        XCTAssertEqual(parse("@article{x, title = {long enough}}", limits: small).diagnostics.map(\.description),
                       ["content/references.bib:1:1: error: the bibliography is 34 bytes long; the limit is 10"])
        // Unbalanced input of every kind ends; it never hangs or traps.
        for text in ["@", "@{", "@article{", "@article{x,", "@article{x, t = ", "@article{x, t = \"", "@string{", "}}}{{{@@@", "@comment"] {
            _ = parse(text)
        }
    }

    /// Mutations of the course's bibliography (deleted, repeated and inserted delimiters) end,
    /// and every error they cause points inside the file.
    func testMutatedBibliographiesEndWithErrorsInsideTheFile() throws {
        let url = TestProject.repositoryRoot.appendingPathComponent("content/references.bib")
        let original = Array(try String(contentsOf: url, encoding: .utf8).unicodeScalars)
        var state: UInt64 = 0x9E3779B97F4A7C15
        func random(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(max(n, 1)))
        }
        let pieces: [String] = ["{", "}", "\"", "@", "#", ",", "=", "\\", "@string{", "{\\\"", "\n"]
        var unmutated = ""
        unmutated.unicodeScalars.append(contentsOf: original)
        let entries = Bibliography.parse(unmutated, displayPath: "content/references.bib").0.keys.count
        for _ in 0..<60 {
            var scalars = original
            for _ in 0..<(1 + random(8)) {
                let at = random(scalars.count)
                switch random(3) {
                case 0: scalars.remove(at: at)
                case 1: scalars.insert(contentsOf: pieces[random(pieces.count)].unicodeScalars, at: at)
                default: scalars.insert(contentsOf: scalars[at..<min(scalars.count, at + random(40))], at: at)
                }
            }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
            let (bibliography, problems) = Bibliography.parse(text, displayPath: "content/references.bib")
            for problem in problems {
                let line = problem.location?.line ?? 0
                XCTAssertTrue((1...lines).contains(line), "\(problem) is outside the \(lines)-line file")
            }
            // At most eight edits, each of which can make at most one more entry.
            XCTAssertLessThanOrEqual(bibliography.keys.count, entries + 8)
        }
    }

    func testAuthorYearLabelsAreDisambiguated() {
        let (bibliography, problems) = Bibliography.parse("""
        @article{one, author = {Lin, T. and Goyal, P. and He, K.}, title = {First}, year = 2017}
        @article{two, author = {Lin, T. and Dollar, P. and He, K.}, title = {Second}, year = 2017}
        @article{three, author = {Lin, J.}, title = {Third}, year = 1991}
        @article{nope, author = {X, Y}, title = {No year}}
        """, displayPath: "content/references.bib")
        XCTAssertEqual(problems.map(\.description), ["content/references.bib:4:1: error: 'nope' has no year"])
        XCTAssertEqual(bibliography.references["one"]?.citedYear, "2017a")
        XCTAssertEqual(bibliography.references["two"]?.citedYear, "2017b")
        XCTAssertEqual(bibliography.references["three"]?.citedYear, "1991")
    }

    func testTheCoursesBibliographyParsesCleanly() throws {
        let url = TestProject.repositoryRoot.appendingPathComponent("content/references.bib")
        let (bibliography, problems) = Bibliography.parse(try String(contentsOf: url, encoding: .utf8), displayPath: "content/references.bib")
        XCTAssertEqual(problems.map(\.description), [])
        XCTAssertGreaterThan(bibliography.keys.count, 40)
        XCTAssertEqual(bibliography.references["lin2017focal"]?.authors.last?.family, "Dollár")
        XCTAssertEqual(bibliography.references["koenker1978"]?.citedAuthors, "Koenker and Bassett")
    }
}

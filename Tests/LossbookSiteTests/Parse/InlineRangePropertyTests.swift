import Foundation
import LossbookTestSupport
import XCTest
@testable import LossbookSite

/// For seeded random notes built from pieces (text, emphasis, code, math, escapes, entities,
/// smart punctuation, multi-byte characters, links, images, autolinks, HTML, footnotes,
/// references) in paragraphs, headings, block quotes (lazy lines too), list items and tables,
/// with LF or CRLF line endings: every inline node's range, cut out of the note, is that node's
/// spelling (`InlineRangeChecker`), and every unknown `@label` is reported where the note has
/// `@label`. A wrong mapping (through formula tokens, escapes, continuation lines, escaped pipes)
/// shows here as a node that reads as something else.
final class InlineRangePropertyTests: XCTestCase {
    private static let words = ["loss", "a", "x1", "Huber", "mean"]
    /// Pieces that need no container; `%` is replaced by a word.
    private static let plain = ["%", "%", "%", "é", "—", "🙂", "naïve", "\\*", "\\_", "\\[x\\]", "\\\\", "\\`", "&amp;", "&eacute;",
                                "&#233;", "&copy;", "a&amp;b", "--", "---", "...", "\"%\"", "don't", "'%'", "$x^2$", "$\\alpha_i$",
                                "`c*d`", "`` a`b ``", "@eq-%", "@fig-%", "(@eq-%)", "me@eq-x.org", "x_y_z", "2*3"]
    private static let wrapped = ["*%*", "_%_", "**% %**", "__%__", "~~%~~", "***%***", "[% link](x.md)", "[*%* %](y.md \"t\")",
                                  "![%](i.png)", "<http://x.org/%>", "www.example.com", "<span>%</span>", "x[^1]",
                                  "*% @eq-%*", "**$y$ @eq-%**", "[@eq-% here](z.md)"]

    private struct Note {
        var text = ""
        var hasFootnote = false
    }

    private func word(_ random: inout SeededRandom) -> String {
        Self.words[random.below(Self.words.count)]
    }

    private func piece(_ random: inout SeededRandom, inTable: Bool) -> String {
        let pool = random.below(3) == 0 ? Self.wrapped : Self.plain
        var piece = pool[random.below(pool.count)]
        while let mark = piece.range(of: "%") { piece.replaceSubrange(mark, with: word(&random)) }
        if inTable, random.below(6) == 0 { piece += " \\| " + word(&random) }
        return piece
    }

    private func line(_ random: inout SeededRandom, inTable: Bool = false) -> String {
        (0..<(1 + random.below(5))).map { _ in piece(&random, inTable: inTable) }.joined(separator: " ")
    }

    /// Lines of a paragraph joined by soft or hard breaks; one of `prefixes` starts each
    /// continuation line.
    private func paragraph(_ random: inout SeededRandom, prefixes: [String]) -> String {
        var text = line(&random)
        for _ in 0..<random.below(3) {
            let breaks = ["\n", "\n", "  \n", "\\\n"]
            text += breaks[random.below(breaks.count)] + prefixes[random.below(prefixes.count)] + line(&random)
        }
        return text
    }

    private func row(_ random: inout SeededRandom) -> String {
        "| " + line(&random, inTable: true) + " | " + line(&random, inTable: true) + " |"
    }

    private func note(_ random: inout SeededRandom) -> String {
        var blocks: [String] = []
        for _ in 0..<(1 + random.below(4)) {
            switch random.below(6) {
            case 0:
                blocks.append("## " + line(&random))
            case 1:
                blocks.append("> " + paragraph(&random, prefixes: [">", "> ", "", "   "]))
            case 2:
                blocks.append("- " + paragraph(&random, prefixes: ["  ", "", "    "]))
            case 3:
                blocks.append("1. " + paragraph(&random, prefixes: ["   "]))
            case 4:
                let header = row(&random)
                blocks.append(header + "\n|---|---|\n" + row(&random))
            default:
                blocks.append(paragraph(&random, prefixes: ["", "  "]))
            }
        }
        var text = blocks.joined(separator: "\n\n") + "\n"
        if text.contains("[^1]") { text += "\n[^1]: a *note* @eq-n\n" }
        if random.below(3) == 0 { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
        return text
    }

    func testEveryInlineRangeIsItsNodesSpelling() {
        var random = SeededRandom(seed: 20_261_207)
        var failures: [String] = []
        for index in 0..<400 {
            let text = note(&random)
            let firstLine = 1 + random.below(8)
            let (document, _) = MarkdownParser().parse(text, path: "p.md", firstLine: firstLine)
            let checker = InlineRangeChecker(text, firstLine: firstLine)
            let problems = checker.problems(in: document.blocks)
            if !problems.isEmpty { failures.append("note \(index) \(text.debugDescription):\n  " + problems.joined(separator: "\n  ")) }

            // Every unknown reference is reported where the note spells it.
            var pass = ReferencePass(labels: LabelIndex(), page: "p.html", displayPath: "p.md")
            _ = pass.rewrite(document)
            for diagnostic in pass.diagnostics {
                guard let range = diagnostic.location?.range, let slice = checker.slice(range) else {
                    failures.append("note \(index): \(diagnostic) has no range")
                    continue
                }
                let label = diagnostic.message.components(separatedBy: "'")[1]
                if slice != label { failures.append("note \(index) \(text.debugDescription): \(diagnostic) reads \(slice.debugDescription)") }
            }
        }
        XCTAssertEqual(failures.count, 0, failures.prefix(8).joined(separator: "\n"))
    }
}

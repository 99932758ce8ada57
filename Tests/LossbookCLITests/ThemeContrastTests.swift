import Foundation
import LossbookTestSupport
import XCTest

/// The colours of templates/assets/lossbook.css meet WCAG 2.1 AA in both themes: 4.5:1 for text,
/// 3:1 for plot lines and focus outlines against the background they are drawn on. The contrast
/// ratios are computed from the stylesheet's own custom properties, so a palette change that
/// breaks one fails here with the pair and its ratio.
final class ThemeContrastTests: XCTestCase {
    static let stylesheet = TestProject.repositoryRoot.appendingPathComponent("templates/assets/lossbook.css")

    /// Text colours and the backgrounds each is used on.
    static let textPairs: [(String, [String])] = [
        ("--text", ["--bg", "--bg-soft", "--code-bg", "--sidebar-bg", "--mark-bg"]),
        ("--text-soft", ["--bg", "--bg-soft", "--code-bg", "--sidebar-bg"]),
        ("--link", ["--bg", "--bg-soft", "--code-bg"]),
        ("--accent", ["--bg", "--bg-soft"]),
        ("--note", ["--bg-soft"]), ("--tip", ["--bg-soft"]), ("--warning", ["--bg-soft"]), ("--key", ["--bg-soft"]),
        ("--hl-keyword", ["--code-bg"]), ("--hl-string", ["--code-bg"]), ("--hl-number", ["--code-bg"]),
        ("--hl-title", ["--code-bg"]), ("--hl-comment", ["--code-bg"]), ("--hl-type", ["--code-bg"]),
        ("--hl-attr", ["--code-bg"]), ("--hl-meta", ["--code-bg"]), ("--hl-deletion", ["--code-bg"]),
        ("--plot-text", ["--plot-bg"]), ("--plot-axis", ["--plot-bg"]),
    ]

    /// Graphics (plot series, focus ring) need 3:1 against their background.
    static let graphicPairs: [(String, String)] = (1...8).map { ("--plot-c\($0)", "--plot-bg") } + [("--accent", "--bg")]

    func testBothDarkBlocksAgree() throws {
        let themes = try Self.themes()
        XCTAssertEqual(themes.dark, themes.systemDark, "the explicit dark theme and the system's dark theme must be the same palette")
    }

    func testEveryTextColourMeetsAAInBothThemes() throws {
        let themes = try Self.themes()
        var report: [String] = []
        for (name, palette) in [("light", themes.light), ("dark", themes.light.merging(themes.dark) { $1 })] {
            for (foreground, backgrounds) in Self.textPairs {
                for background in backgrounds {
                    let ratio = try Self.ratio(palette, foreground, background)
                    report.append(String(format: "%@ %@ on %@: %.2f", name, foreground, background, ratio))
                    XCTAssertGreaterThanOrEqual(ratio, 4.5, "\(name): \(foreground) on \(background)")
                }
            }
            for (foreground, background) in Self.graphicPairs {
                let ratio = try Self.ratio(palette, foreground, background)
                report.append(String(format: "%@ %@ on %@: %.2f", name, foreground, background, ratio))
                XCTAssertGreaterThanOrEqual(ratio, 3, "\(name): \(foreground) on \(background)")
            }
        }
        if ProcessInfo.processInfo.environment["LOSSBOOK_PRINT_CONTRAST"] != nil { print(report.joined(separator: "\n")) }
    }

    // MARK: - Reading the stylesheet

    struct Themes {
        var light: [String: String]
        var dark: [String: String]
        var systemDark: [String: String]
    }

    static func themes() throws -> Themes {
        let css = try String(contentsOf: stylesheet, encoding: .utf8)
        func block(after marker: String) throws -> [String: String] {
            guard let start = css.range(of: marker) else { throw BrowserError("no '\(marker)' in lossbook.css") }
            guard let open = css[start.upperBound...].firstIndex(of: "{"),
                  let close = css[open...].firstIndex(of: "}") else { throw BrowserError("unbalanced block after \(marker)") }
            var properties: [String: String] = [:]
            for declaration in css[css.index(after: open)..<close].split(separator: ";") {
                let parts = declaration.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                if parts.count == 2, parts[0].hasPrefix("--") { properties[parts[0]] = parts[1] }
            }
            return properties
        }
        return Themes(light: try block(after: "\n:root"), dark: try block(after: ":root[data-theme=\"dark\"]"),
                      systemDark: try block(after: ":root:not([data-theme=\"light\"])"))
    }

    static func ratio(_ palette: [String: String], _ foreground: String, _ background: String) throws -> Double {
        guard let fg = palette[foreground].flatMap(luminance), let bg = palette[background].flatMap(luminance) else {
            throw BrowserError("\(foreground) or \(background) is not a #rrggbb colour in lossbook.css")
        }
        return (max(fg, bg) + 0.05) / (min(fg, bg) + 0.05)
    }

    /// WCAG 2.1 relative luminance of `#rrggbb`.
    static func luminance(_ hex: String) -> Double? {
        guard hex.hasPrefix("#"), hex.count == 7, let value = Int(hex.dropFirst(), radix: 16) else { return nil }
        func channel(_ shift: Int) -> Double {
            let c = Double((value >> shift) & 0xff) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
    }
}

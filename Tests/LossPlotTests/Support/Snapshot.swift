import Foundation
import Testing

/// Compares SVG output with a stored, human-reviewable snapshot in `Snapshots/<name>.svg`
/// (the Observable Plot model).
///
/// - Match: passes and removes a stale `<name>-changed.svg`.
/// - Mismatch: writes `<name>-changed.svg` beside the stored file and fails; diff the two,
///   and if the change is intended, move the changed file over the stored one (or re-run with
///   `LOSSBOOK_RECORD=1`).
/// - Missing: writes the snapshot and fails, asking for a re-run, so a new snapshot is always
///   looked at once before it guards anything.
/// - `LOSSBOOK_RECORD=1`: overwrites the stored file and passes.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Snapshots")

    static var isRecording: Bool {
        ProcessInfo.processInfo.environment["LOSSBOOK_RECORD"] == "1"
    }

    static func url(_ name: String) -> URL { directory.appendingPathComponent("\(name).svg") }
    static func changedURL(_ name: String) -> URL { directory.appendingPathComponent("\(name)-changed.svg") }

    static func assertMatches(_ svg: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let stored = url(name), changed = changedURL(name)
        let fm = FileManager.default
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        if isRecording {
            try svg.write(to: stored, atomically: true, encoding: .utf8)
            try? fm.removeItem(at: changed)
            return
        }
        guard let expected = try? String(contentsOf: stored, encoding: .utf8) else {
            try svg.write(to: stored, atomically: true, encoding: .utf8)
            Issue.record("No snapshot \(stored.path) existed; recorded it now. Review it and re-run the tests.", sourceLocation: sourceLocation)
            return
        }
        if expected == svg {
            try? fm.removeItem(at: changed)
            return
        }
        try svg.write(to: changed, atomically: true, encoding: .utf8)
        Issue.record("""
            Snapshot \(name) differs: \(firstDifference(expected, svg))
            Wrote \(changed.path). If the change is intended, replace the stored file with it \
            (or re-run with LOSSBOOK_RECORD=1).
            """, sourceLocation: sourceLocation)
    }

    /// The first differing line, for a failure message that points at the change.
    static func firstDifference(_ a: String, _ b: String) -> String {
        let la = a.split(separator: "\n", omittingEmptySubsequences: false)
        let lb = b.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(la.count, lb.count) {
            let x = i < la.count ? String(la[i]) : "<end>"
            let y = i < lb.count ? String(lb[i]) : "<end>"
            if x != y { return "line \(i + 1): stored `\(x.prefix(120))`, now `\(y.prefix(120))`" }
        }
        return "files differ"
    }
}

import Foundation
@testable import LossbookServe
import Synchronization
import XCTest

/// The watchers behind `lossbook serve`: inotify and the polling fallback each report files
/// created, modified, deleted and renamed below the watched folders (and single watched files
/// outside them), and nothing hidden, backed up or excluded. Every wait is for a condition, with
/// a generous deadline; nothing depends on how fast the machine is.
final class FileWatcherTests: XCTestCase {
    private var root: URL!
    private var watcher: FileWatcher?

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)").standardizedFileURL
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content/part"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content/site"), withIntermediateDirectories: true)
        try write("content/part/a.md", "a")
        try write("lossbook.yml", "title: T\n")
    }

    override func tearDown() {
        watcher?.stop()
        try? FileManager.default.removeItem(at: root)
    }

    /// What the watcher reported: every batch, in order.
    private final class Recorder: Sendable {
        private let batches = Mutex<[[String]]>([])
        func record(_ paths: [String]) { batches.withLock { $0.append(paths) } }
        var all: Set<String> { batches.withLock { Set($0.joined()) } }
        var count: Int { batches.withLock { $0.count } }
        func reset() { batches.withLock { $0 = [] } }
    }

    private func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    private func write(_ relative: String, _ text: String) throws {
        try Data(text.utf8).write(to: root.appendingPathComponent(relative))
    }

    private func waitUntil(timeout: TimeInterval = 20, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            if Date() > deadline { return false }
            usleep(10_000)
        }
        return true
    }

    private var trees: WatchedTrees {
        WatchedTrees(roots: [root.appendingPathComponent("content")], excluded: [root.appendingPathComponent("content/site")],
                     files: [root.appendingPathComponent("lossbook.yml")])
    }

    /// Starts `watcher` and waits until it sees changes: a polling watcher takes its first scan on
    /// its own thread, and a change made before that scan would not be one.
    private func start(_ made: FileWatcher) throws -> Recorder {
        let recorder = Recorder()
        watcher = made
        made.start { recorder.record($0) }
        var round = 0
        let primed = waitUntil {
            round += 1
            try? write("content/part/ready.md", String(repeating: "r", count: round))
            return waitUntil(timeout: 1) { recorder.all.contains(path("content/part/ready.md")) }
        }
        XCTAssertTrue(primed, "the watcher never reported a change")
        recorder.reset()
        return recorder
    }

    private func exercise(_ made: FileWatcher, file: StaticString = #filePath, line: UInt = #line) throws {
        let recorder = try start(made)
        func expect(_ relatives: [String], after action: () throws -> Void, _ what: String) throws {
            recorder.reset()
            try action()
            let expected = Set(relatives.map(path))
            XCTAssertTrue(waitUntil { expected.isSubset(of: recorder.all) }, "\(what): got \(recorder.all.sorted())", file: file, line: line)
        }
        try expect(["content/part/new.md"], after: { try write("content/part/new.md", "new") }, "created")
        try expect(["content/part/new.md"], after: { try write("content/part/new.md", "new, longer") }, "modified")
        try expect(["content/part/new.md", "content/part/renamed.md"], after: {
            try FileManager.default.moveItem(atPath: path("content/part/new.md"), toPath: path("content/part/renamed.md"))
        }, "renamed")
        try expect(["content/part/renamed.md"], after: { try FileManager.default.removeItem(atPath: path("content/part/renamed.md")) }, "deleted")
        // Settings saved the way editors save: a new file renamed over the old one.
        try expect(["lossbook.yml"], after: {
            try write(".lossbook.yml.tmp", "title: New\n")
            _ = rename(path(".lossbook.yml.tmp"), path("lossbook.yml"))
        }, "a single watched file replaced")
        // A new folder is watched from then on: a file in it is reported once the folder's watch is
        // in place (a file written before that is covered by the folder's own creation event).
        try expect(["content/new-part"], after: { try FileManager.default.createDirectory(atPath: path("content/new-part"), withIntermediateDirectories: false) }, "a folder created")
        var round = 0
        XCTAssertTrue(waitUntil {
            round += 1
            recorder.reset()
            try? write("content/new-part/b.md", String(repeating: "b", count: round))
            return waitUntil(timeout: 1) { recorder.all.contains(path("content/new-part/b.md")) }
        }, "a file in a new folder is never reported", file: file, line: line)

        // The whole folder replaced, as `git checkout` or `mv content content.old` do: reported,
        // and watched again afterwards.
        recorder.reset()
        try FileManager.default.moveItem(atPath: path("content"), toPath: path("content.old"))
        try FileManager.default.createDirectory(atPath: path("content/part"), withIntermediateDirectories: true)
        // inotify names the folder, polling what changed in it.
        XCTAssertTrue(waitUntil { recorder.all.contains { $0 == path("content") || $0.hasPrefix(path("content") + "/") } },
                      "the watched folder replaced: got \(recorder.all.sorted())", file: file, line: line)
        round = 0
        XCTAssertTrue(waitUntil {
            round += 1
            recorder.reset()
            try? write("content/part/c.md", String(repeating: "c", count: round))
            return waitUntil(timeout: 1) { recorder.all.contains(path("content/part/c.md")) }
        }, "a file in the replaced folder is never reported", file: file, line: line)
        try FileManager.default.createDirectory(atPath: path("content/site"), withIntermediateDirectories: true)

        // Hidden files, editor leftovers and the excluded folder are not changes; the sentinel,
        // written after them, shows that their events would have arrived by then.
        recorder.reset()
        let ignored = ["content/part/.hidden.md", "content/part/a.md~", "content/part/.a.md.swp", "content/part/4913", "content/site/page.html"]
        for name in ignored {
            try write(name, "x")
        }
        try write("content/part/sentinel.md", "s")
        XCTAssertTrue(waitUntil { recorder.all.contains(path("content/part/sentinel.md")) }, file: file, line: line)
        // Late events of earlier steps may still arrive; none may name an ignored or excluded path.
        let reported = recorder.all.filter { reported in
            ignored.contains { reported == path($0) } || reported.hasPrefix(path("content/site"))
        }
        XCTAssertEqual(reported.sorted(), [], "ignored or excluded paths were reported", file: file, line: line)
    }

    func testInotifyReportsEveryKindOfChange() throws {
        #if os(Linux)
        let made = try XCTUnwrap(InotifyWatcher(trees: trees), "inotify is unavailable here")
        XCTAssertEqual(made.description, "inotify")
        try exercise(made)
        #endif
    }

    func testPollingReportsEveryKindOfChange() throws {
        let made = PollingWatcher(trees: trees, interval: 0.05)
        XCTAssertEqual(made.description, "polling every 50 ms")
        try exercise(made)
    }

    /// Changes between two scans are one report, however many files they touch.
    func testPollingReportsABurstTogether() throws {
        let recorder = try start(PollingWatcher(trees: trees, interval: 0.25))
        let names = (0..<20).map { "content/part/burst-\($0).md" }
        for name in names { try write(name, name) }
        XCTAssertTrue(waitUntil { Set(names.map(path)).isSubset(of: recorder.all) }, "\(recorder.all.sorted())")
        XCTAssertLessThan(recorder.count, names.count, "the burst came one file at a time")
    }

    /// `serve` picks inotify unless polling is asked for.
    func testTheFactoryPrefersInotifyUnlessPollingIsForced() {
        #if os(Linux)
        XCTAssertEqual(FileWatchers.make(trees: trees, forcePolling: false).description, "inotify")
        #endif
        XCTAssertEqual(FileWatchers.make(trees: trees, forcePolling: true, pollInterval: 0.5).description, "polling every 500 ms")
    }
}

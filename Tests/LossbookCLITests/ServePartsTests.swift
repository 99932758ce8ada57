@testable import LossbookServe
import Synchronization
@testable import LossbookSite
import Synchronization
import XCTest

/// The pure parts of `lossbook serve`: request paths, validators, the injected script, the event format.
final class ServePartsTests: XCTestCase {
    func testRequestPathsAreCheckedSegmentBySegment() {
        XCTAssertEqual(try RequestPath.parse("/").get(), RequestPath(segments: [], hasTrailingSlash: true))
        XCTAssertEqual(try RequestPath.parse("/a/b%20c.html").get(), RequestPath(segments: ["a", "b c.html"], hasTrailingSlash: false))
        XCTAssertEqual(try RequestPath.parse("/part/").get(), RequestPath(segments: ["part"], hasTrailingSlash: true))
        for traversal in ["/..", "/a/../b", "/%2e%2e/x", "/%2E%2e", "/a%2fb", "/a%2F..", "/a%5cb", "/a%00", "//etc", "/a//b", "/./a"] {
            XCTAssertEqual(RequestPath.parse(traversal), .failure(.traversal), traversal)
        }
        for malformed in ["", "*", "http://host/a", "a/b", "/%zz"] {
            XCTAssertEqual(RequestPath.parse(malformed), .failure(.malformed), malformed)
        }
        XCTAssertEqual(try RequestPath.parse("/..a/b..").get().segments, ["..a", "b.."], "dots inside names are fine")
    }

    func testHTTPDatesRoundTrip() {
        XCTAssertEqual(HTTPDate.format(784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT")
        XCTAssertEqual(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT"), 784_111_777)
        XCTAssertNil(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT"))
        XCTAssertNil(HTTPDate.parse("yesterday"))
    }

    func testEntityTags() {
        let tag = EntityTag.of(Array("hello".utf8))
        XCTAssertEqual(tag, "\"a430d84680aabd0b\"")
        XCTAssertTrue(EntityTag.matches(ifNoneMatch: tag, tag: tag))
        XCTAssertTrue(EntityTag.matches(ifNoneMatch: "\"x\", W/\(tag)", tag: tag))
        XCTAssertTrue(EntityTag.matches(ifNoneMatch: "*", tag: tag))
        XCTAssertFalse(EntityTag.matches(ifNoneMatch: "\"x\"", tag: tag))
    }

    func testTheScriptGoesBeforeTheLastClosingBody() {
        let html = Array("<html><body><p>&lt;/body&gt;</p></BODY></html>".utf8)
        XCTAssertEqual(String(decoding: LiveReloadScript.inject(into: html), as: UTF8.self),
                       "<html><body><p>&lt;/body&gt;</p>\(LiveReloadScript.tag)</BODY></html>")
        XCTAssertEqual(String(decoding: LiveReloadScript.inject(into: Array("<p>fragment".utf8)), as: UTF8.self),
                       "<p>fragment\(LiveReloadScript.tag)")
    }

    func testOnlyLoopbackHostNamesAreAnswered() {
        for host in ["127.0.0.1", "127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000", "[::1]", "app.localhost"] {
            XCTAssertTrue(PreviewHandler.isLoopbackHostHeader(host), host)
        }
        for host in ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "[::2]:80", "localhost.evil.example", "10.0.0.1"] {
            XCTAssertFalse(PreviewHandler.isLoopbackHostHeader(host), host)
        }
    }

    func testContentTypes() {
        XCTAssertEqual(ContentTypes.forFile(named: "a.WOFF2"), "font/woff2")
        XCTAssertEqual(ContentTypes.forFile(named: "index.html"), "text/html; charset=utf-8")
        XCTAssertEqual(ContentTypes.forFile(named: "README"), "application/octet-stream")
        XCTAssertEqual(ContentTypes.forFile(named: ".hidden"), "application/octet-stream")
    }

    func testEventsCannotBreakOutOfTheirDataLine() {
        let diagnostic = Diagnostic.error(.renderFailed, at: SourceLocation(path: "content/a.md", line: 3, column: 7),
                                          "bad\n\nevent: reload\ndata: <script>alert(1)</script>")
        let text = String(decoding: LiveReloadHub.encode(.buildFailed([diagnostic])), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("event: build-error\ndata: {"), text)
        XCTAssertTrue(text.hasSuffix("}\n\n"), text)
        XCTAssertEqual(text.components(separatedBy: "\n").count, 4, "one event line, one data line, one blank line")
        XCTAssertTrue(text.contains("\"path\":\"content/a.md\""), text)
        XCTAssertTrue(text.contains("\"line\":3"), text)
    }

    func testAnUnknownReferencesEventCarriesTheLabelsOwnRange() {
        // The editor underlines `@eq-nope` (4:4 to 4:11), not the paragraph.
        let (document, _) = MarkdownParser().parse("As @eq-nope shows,\nand more.\n", path: "content/a.md", firstLine: 4)
        var pass = ReferencePass(labels: LabelIndex(), page: "a.html", displayPath: "content/a.md")
        _ = pass.rewrite(document)
        let text = String(decoding: LiveReloadHub.encode(.buildFailed(pass.diagnostics)), as: UTF8.self)
        for field in ["\"line\":4", "\"column\":4", "\"endLine\":4", "\"endColumn\":11",
                      "\"text\":\"content/a.md:4:4: error: reference to unknown label '@eq-nope'\""] {
            XCTAssertTrue(text.contains(field), "\(field) in \(text)")
        }
    }

    func testBuildErrorEventsCarryTheEndOfWhatIsWrongWhenKnown() {
        var location = SourceLocation(path: "content/a.md", line: 3, column: 1)
        let withoutEnd = String(decoding: LiveReloadHub.encode(.buildFailed([.error(.directiveUnknown, at: location, "x")])), as: UTF8.self)
        XCTAssertFalse(withoutEnd.contains("endLine"), withoutEnd)
        location.end = SourcePosition(line: 5, column: 3)
        let text = String(decoding: LiveReloadHub.encode(.buildFailed([.error(.directiveUnknown, at: location, "x")])), as: UTF8.self)
        XCTAssertTrue(text.contains("\"endLine\":5") && text.contains("\"endColumn\":3"), text)
        XCTAssertTrue(text.contains("\"text\":\"content/a.md:3:1: error: x\""), "the printed line keeps the start only: \(text)")
    }

    /// A burst of changes is one build with all their paths; a change during a build is one more
    /// build after it, never beside it. The build under test is held open by the test rather than
    /// by a sleep, and every wait is for a condition: only the burst's 10 ms gaps must stay under
    /// the 300 ms quiet period.
    func testDebouncedBuildsNeverOverlap() {
        struct State {
            var running = 0, maxRunning = 0
            var builds: [[String]] = []
            var holdNext = false
        }
        let state = Mutex(State())
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let scheduler = RebuildScheduler(quietPeriod: 0.3) { paths in
            let hold = state.withLock { state in
                state.running += 1
                state.maxRunning = max(state.maxRunning, state.running)
                state.builds.append(paths)
                defer { state.holdNext = false }
                return state.holdNext
            }
            if hold {
                started.signal()
                _ = release.wait(timeout: .now() + 30)
            }
            state.withLock { $0.running -= 1 }
        }
        func waitForBuilds(_ count: Int) -> Bool {
            let deadline = Date().addingTimeInterval(30)
            while state.withLock({ $0.builds.count < count || $0.running > 0 }) {
                if Date() > deadline { return false }
                usleep(10_000)
            }
            return true
        }
        scheduler.start()
        let burst = (0 ..< 10).map { "a\($0)" }
        for path in burst { scheduler.changed([path]); Thread.sleep(forTimeInterval: 0.01) }
        XCTAssertTrue(waitForBuilds(1))
        XCTAssertEqual(state.withLock { $0.builds }, [burst], "a burst of changes is one build, with every path")

        state.withLock { $0.holdNext = true }
        scheduler.changed(["b"])
        XCTAssertEqual(started.wait(timeout: .now() + 30), .success, "b's build started")
        scheduler.changed(["c"])
        scheduler.changed(["d"])
        release.signal()
        XCTAssertTrue(waitForBuilds(3))
        XCTAssertTrue(scheduler.stop(timeout: 30))
        let final = state.withLock { $0 }
        XCTAssertEqual(final.builds, [burst, ["b"], ["c", "d"]], "changes during a build make exactly one more")
        XCTAssertEqual(final.maxRunning, 1, "builds never overlap")
    }
}

/// The shared state of `lossbook serve` under many threads at once.
final class ServeConcurrencyTests: XCTestCase {
    func testEveryPageHearsOfEveryBuildAfterItSubscribed() async throws {
        let hub = LiveReloadHub()
        let streams = Mutex<[AsyncStream<[UInt8]>]>([])
        // Half the threads subscribe, half publish, all at once. 20 builds and 20 heartbeats fit
        // in a stream's buffer of 64 events, so none is dropped.
        DispatchQueue.concurrentPerform(iterations: 40) { index in
            if index % 2 == 0 {
                let stream = hub.subscribe()
                streams.withLock { $0.append(stream) }
                hub.heartbeat()
            } else {
                hub.buildSucceeded()
            }
        }
        XCTAssertEqual(hub.subscriberCount, 20)
        hub.close()
        XCTAssertEqual(hub.subscriberCount, 0)
        var finalStates: Set<String> = []
        for stream in streams.withLock({ $0 }) {
            var text = ""
            for await chunk in stream { text += String(decoding: chunk, as: UTF8.self) }  // ends: the hub closed it
            XCTAssertTrue(text.hasPrefix("retry: 500\n\nevent: hello\n"), String(text.prefix(80)))
            // The greeting and every reload after it name the site in order, ending with the last build.
            let generations = text.components(separatedBy: "\"state\":\"").dropFirst().compactMap { part in
                part.split(separator: "\"").first.flatMap { $0.split(separator: "-").last }.flatMap { Int($0) }
            }
            XCTAssertEqual(generations, generations.sorted(), text)
            XCTAssertEqual(Set(generations).count, generations.count, "no build told twice: \(text)")
            XCTAssertEqual(generations.last, 20, text)
            if let last = text.components(separatedBy: "\"state\":\"").last?.split(separator: "\"").first { finalStates.insert(String(last)) }
        }
        XCTAssertEqual(finalStates.count, 1, "every page ends on the same site")
        // After closing, a new page is turned away at once.
        var late = 0
        for await _ in hub.subscribe() { late += 1 }
        XCTAssertEqual(late, 0)
    }

    func testAMonitorWakesItsWaitersAndKeepsItsDeadline() {
        let monitor = Monitor(0)
        XCTAssertFalse(monitor.wait(until: Date().addingTimeInterval(0.05)) { $0 > 0 }, "nothing changed: the deadline ends the wait")
        // Eight threads wait (each on its own thread: a pool of two would block on them) while
        // another changes the state step by step.
        let done = Mutex(0)
        let finished = DispatchSemaphore(value: 0)
        for _ in 0 ..< 8 {
            Thread {
                monitor.wait { $0 >= 8 }
                done.withLock { $0 += 1 }
                finished.signal()
            }.start()
        }
        for _ in 0 ..< 8 { monitor.update { $0 += 1 } }
        for _ in 0 ..< 8 { XCTAssertEqual(finished.wait(timeout: .now() + 30), .success, "a waiter was never woken") }
        XCTAssertEqual(done.withLock { $0 }, 8)
        XCTAssertEqual(monitor.read { $0 }, 8)
    }
}

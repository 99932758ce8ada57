@testable import LossbookServe
import Synchronization
import LossbookSite
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
        let diagnostic = Diagnostic.error("lossbook.test", at: SourceLocation(path: "content/a.md", line: 3, column: 7),
                                          "bad\n\nevent: reload\ndata: <script>alert(1)</script>")
        let text = String(decoding: LiveReloadHub.encode(.buildFailed([diagnostic])), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("event: build-error\ndata: {"), text)
        XCTAssertTrue(text.hasSuffix("}\n\n"), text)
        XCTAssertEqual(text.components(separatedBy: "\n").count, 4, "one event line, one data line, one blank line")
        XCTAssertTrue(text.contains("\"path\":\"content/a.md\""), text)
        XCTAssertTrue(text.contains("\"line\":3"), text)
    }

    func testDebouncedBuildsNeverOverlap() {
        final class Counter: @unchecked Sendable {
            let lock = NSLock()
            var running = 0, maxRunning = 0, builds = 0
        }
        let counter = Counter()
        // Timings far apart, so a loaded machine cannot blur them: changes 10 ms apart against a
        // 300 ms quiet period, and builds of 500 ms that a change arrives in the middle of.
        let scheduler = RebuildScheduler(quietPeriod: 0.3) { _ in
            counter.lock.lock(); counter.running += 1; counter.builds += 1
            counter.maxRunning = max(counter.maxRunning, counter.running); counter.lock.unlock()
            Thread.sleep(forTimeInterval: 0.5)
            counter.lock.lock(); counter.running -= 1; counter.lock.unlock()
        }
        scheduler.start()
        for index in 0 ..< 10 { scheduler.changed(["a\(index)"]); Thread.sleep(forTimeInterval: 0.01) }
        Thread.sleep(forTimeInterval: 1.2)
        counter.lock.lock()
        XCTAssertEqual(counter.builds, 1, "a burst of changes is one build")
        counter.lock.unlock()
        scheduler.changed(["b"])
        Thread.sleep(forTimeInterval: 0.45)  // b's build runs from about 0.3 s to 0.8 s
        scheduler.changed(["c"])
        XCTAssertTrue(scheduler.stop(timeout: 3))
        counter.lock.lock()
        XCTAssertEqual(counter.maxRunning, 1)
        counter.lock.unlock()
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

import Foundation
import LossbookTestSupport
import XCTest

/// `lossbook serve` run as a user runs it, on a free loopback port, spoken to over raw sockets.
final class ServeCommandTests: XCTestCase {
    private var projects: [TestProject] = []
    private var servers: [ServeProcess] = []

    override func tearDown() {
        servers.forEach { $0.stop() }
        servers = []
        projects.forEach { $0.remove() }
        projects = []
    }

    static let course: [String: String] = [
        "content/index.md": "---\ntitle: A course\n---\nWelcome to $x^2$.\n",
        "content/1-basics/index.md": "---\ntitle: Basics\norder: 1\n---\nThe first part.\n",
        "content/1-basics/first.md": "---\ntitle: First\norder: 1\n---\n## Start\n\nThe original text.\n",
        "content/1-basics/second.md": "---\ntitle: Second\norder: 2\n---\n## Later\n\nBack to [first](first.md).\n",
        "content/1-basics/figure.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
        "content/1-basics/points.json": "[1, 2, 3]\n",
        "content/1-basics/notes.txt": "plain\n",
        "content/1-basics/feed.xml": "<feed/>\n",
        "secret.txt": "TOP SECRET\n",
    ]

    private func serve(_ files: [String: String] = course, arguments: [String] = []) throws -> ServeProcess {
        let project = try TestProject(files: files)
        projects.append(project)
        try project.write("content/1-basics/pixel.png", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let server = try ServeProcess(project: project, arguments: arguments)
        servers.append(server)
        return server
    }

    func testServesPagesAndAssetsWithTheirContentTypes() throws {
        let server = try serve()
        let expected: [(String, String)] = [
            ("/", "text/html; charset=utf-8"),
            ("/1-basics/first.html", "text/html; charset=utf-8"),
            ("/1-basics/", "text/html; charset=utf-8"),
            ("/assets/lossbook.css", "text/css; charset=utf-8"),
            ("/assets/lossbook.js", "text/javascript; charset=utf-8"),
            ("/assets/katex/katex.min.css", "text/css; charset=utf-8"),
            ("/1-basics/figure.svg", "image/svg+xml"),
            ("/1-basics/points.json", "application/json"),
            ("/1-basics/notes.txt", "text/plain; charset=utf-8"),
            ("/1-basics/feed.xml", "application/xml"),
            ("/1-basics/pixel.png", "image/png"),
        ]
        for (target, type) in expected {
            let response = try RawResponse.fetch(target, port: server.port)
            XCTAssertEqual(response.status, 200, target)
            XCTAssertEqual(response.header("Content-Type"), type, target)
            XCTAssertEqual(response.header("Content-Length"), String(response.body.count), target)
        }
        let fonts = try FileManager.default.contentsOfDirectory(atPath: server.project.root.appendingPathComponent("site/assets/katex/fonts").path)
        if let font = fonts.sorted().first(where: { $0.hasSuffix(".woff2") }) {
            XCTAssertEqual(try RawResponse.fetch("/assets/katex/fonts/\(font)", port: server.port).header("Content-Type"), "font/woff2")
        }

        let page = try RawResponse.fetch("/1-basics/first.html", port: server.port)
        XCTAssertTrue(page.text.contains("The original text."), page.text)
        XCTAssertTrue(page.text.contains("<script src=\"/__lossbook/live.js\"></script></body>"), "live reload injected into the response")
        let onDisk = try XCTUnwrap(server.project.read("site/1-basics/first.html"))
        XCTAssertFalse(onDisk.contains("__lossbook"), "never written into site/")
        XCTAssertFalse(try RawResponse.fetch("/assets/lossbook.css", port: server.port).text.contains("__lossbook"), "only HTML gets the script")

        let folder = try RawResponse.fetch("/1-basics", port: server.port)
        XCTAssertEqual(folder.status, 301)
        XCTAssertEqual(folder.header("Location"), "/1-basics/")

        let script = try RawResponse.fetch("/__lossbook/live.js", port: server.port)
        XCTAssertEqual(script.status, 200)
        XCTAssertTrue(script.text.contains("EventSource"))
        XCTAssertFalse(script.text.contains("innerHTML"), "the overlay only ever sets text")
    }

    func testMissingPagesGetTheSitesNotFoundPage() throws {
        let server = try serve()
        let response = try RawResponse.fetch("/no/such/page.html", port: server.port)
        XCTAssertEqual(response.status, 404)
        XCTAssertEqual(response.header("Content-Type"), "text/html; charset=utf-8")
        XCTAssertTrue(response.text.contains("There is no page at this address"), response.text)
        XCTAssertEqual(try RawResponse.fetch("/nothing.css", port: server.port).status, 404)
    }

    func testTraversalIsRefused() throws {
        let server = try serve()
        let site = server.project.root.appendingPathComponent("site")
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("leak.txt").path,
                                                   withDestinationPath: server.project.root.appendingPathComponent("secret.txt").path)
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("up").path,
                                                   withDestinationPath: server.project.root.path)
        let attempts = [
            "/../secret.txt", "/1-basics/../../secret.txt", "/%2e%2e/secret.txt", "/%2e%2e%2fsecret.txt",
            "/%2E%2E%2Fsecret.txt", "/1-basics%2F..%2F..%2Fsecret.txt", "/..%5csecret.txt", "//secret.txt",
            "/secret.txt%00.html", "/leak.txt", "/up/secret.txt", "/up/content/index.md",
        ]
        for target in attempts {
            let response = try RawResponse.fetch(target, port: server.port)
            XCTAssertTrue([403, 404].contains(response.status), "\(target): \(response.status)")
            XCTAssertFalse(response.text.contains("TOP SECRET"), target)
            XCTAssertFalse(response.text.contains("title: A course"), target)
        }
        XCTAssertEqual(try RawResponse.fetch("/%2e%2e%2fsecret.txt", port: server.port).status, 403)
        XCTAssertEqual(try RawResponse.fetch("/leak.txt", port: server.port).status, 403, "a symlink out of site/ is refused")
        XCTAssertEqual(try RawResponse.fetch("http://127.0.0.1/secret.txt", port: server.port).status, 400, "absolute-form target")
        XCTAssertEqual(try RawResponse.fetch("/1-basics/first.html", port: server.port).status, 200, "the site itself still works")

        // DNS rebinding: a page of another site pointing its own name at 127.0.0.1.
        let rebound = try RawResponse.fetch("/1-basics/first.html", port: server.port, headers: ["Host": "evil.example:\(server.port)"])
        XCTAssertEqual(rebound.status, 403)
        XCTAssertFalse(rebound.text.contains("The original text."))
        XCTAssertEqual(try RawResponse.fetch("/", port: server.port, headers: ["Host": "localhost:\(server.port)"]).status, 200)
    }

    func testHeadAndConditionalRequests() throws {
        let server = try serve()
        let get = try RawResponse.fetch("/1-basics/first.html", port: server.port)
        let head = try RawResponse.fetch("/1-basics/first.html", port: server.port, method: "HEAD")
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.body, [], "HEAD has no body")
        XCTAssertEqual(head.header("Content-Length"), String(get.body.count))
        XCTAssertEqual(head.header("ETag"), get.header("ETag"))

        let tag = try XCTUnwrap(get.header("ETag"))
        let cached = try RawResponse.fetch("/1-basics/first.html", port: server.port, headers: ["If-None-Match": tag])
        XCTAssertEqual(cached.status, 304)
        XCTAssertEqual(cached.body, [])
        XCTAssertEqual(cached.header("ETag"), tag)
        let weak = try RawResponse.fetch("/1-basics/first.html", port: server.port, headers: ["If-None-Match": "\"other\", W/\(tag)"])
        XCTAssertEqual(weak.status, 304)
        let stale = try RawResponse.fetch("/1-basics/first.html", port: server.port, headers: ["If-None-Match": "\"0000000000000000\""])
        XCTAssertEqual(stale.status, 200)

        let modified = try XCTUnwrap(get.header("Last-Modified"))
        XCTAssertEqual(try RawResponse.fetch("/1-basics/first.html", port: server.port, headers: ["If-Modified-Since": modified]).status, 304)
        XCTAssertEqual(try RawResponse.fetch("/1-basics/first.html", port: server.port,
                                             headers: ["If-Modified-Since": "Sat, 01 Jan 2000 00:00:00 GMT"]).status, 200)
        XCTAssertEqual(try RawResponse.fetch("/1-basics/first.html", port: server.port, method: "POST").status, 405)
    }

    func testAnEditReloadsTheOpenPages() throws {
        let server = try serve()
        let events = try EventStreamReader(port: server.port)
        XCTAssertTrue(events.wait(for: "event: hello"), events.text)
        let mark = events.mark
        try server.project.write("content/1-basics/first.md", "---\ntitle: First\norder: 1\n---\n## Start\n\nThe edited text.\n")
        XCTAssertTrue(events.wait(for: "event: reload", after: mark), events.text)
        XCTAssertTrue(try RawResponse.fetch("/1-basics/first.html", port: server.port).text.contains("The edited text."))
    }

    func testNotesInANewFolderAreWatchedToo() throws {
        let server = try serve()
        let events = try EventStreamReader(port: server.port)
        XCTAssertTrue(events.wait(for: "event: hello"), events.text)
        var mark = events.mark
        try server.project.write("content/2-more/third.md", "---\ntitle: Third\n---\nA new part.\n")
        XCTAssertTrue(events.wait(for: "event: reload", after: mark), events.text)
        XCTAssertTrue(try RawResponse.fetch("/2-more/third.html", port: server.port).text.contains("A new part."))
        mark = events.mark
        try server.project.write("content/2-more/third.md", "---\ntitle: Third\n---\nEdited inside the new folder.\n")
        XCTAssertTrue(events.wait(for: "event: reload", after: mark), events.text)
        XCTAssertTrue(try RawResponse.fetch("/2-more/third.html", port: server.port).text.contains("Edited inside the new folder."))
    }

    func testABrokenEditIsShownWhileTheLastGoodSiteIsStillServed() throws {
        let server = try serve()
        let events = try EventStreamReader(port: server.port)
        XCTAssertTrue(events.wait(for: "event: hello"), events.text)
        let mark = events.mark
        try server.project.write("content/1-basics/second.md", "---\ntitle: Second\n---\n$$\nunclosed <b>&\n")
        XCTAssertTrue(events.wait(for: "event: build-error", after: mark), events.text)
        XCTAssertTrue(events.wait(for: "content/1-basics/second.md:4:1: error: display math opened with '$$' is never closed", after: mark),
                      events.text)
        XCTAssertTrue(events.text.contains("\"line\":4"), events.text)
        XCTAssertTrue(server.waitForStderr { $0.contains("content/1-basics/second.md:4:1: error: display math opened with '$$' is never closed") },
                      server.stderr)
        let page = try RawResponse.fetch("/1-basics/second.html", port: server.port)
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.text.contains("Back to"), "the last good page is still served")

        // A page opened now learns of the failure at once.
        let late = try EventStreamReader(port: server.port)
        XCTAssertTrue(late.wait(for: "event: build-error"), late.text)

        let fixed = events.mark
        try server.project.write("content/1-basics/second.md", "---\ntitle: Second\n---\nFixed.\n")
        XCTAssertTrue(events.wait(for: "event: reload", after: fixed), events.text)
        XCTAssertTrue(try RawResponse.fetch("/1-basics/second.html", port: server.port).text.contains("Fixed."))
    }

    /// An edit to lossbook.yml is built with; a bad one is reported, located, while the last good
    /// site is still served; `--poll` follows the file too.
    func testAnEditToTheCourseSettingsRebuildsWithThem() throws {
        for arguments in [[], ["--poll"]] {
            var files = Self.course
            files["lossbook.yml"] = "title: The first title\n"
            let server = try serve(files, arguments: arguments)
            XCTAssertTrue(try RawResponse.fetch("/", port: server.port).text.contains("The first title"), "\(arguments)")
            let events = try EventStreamReader(port: server.port)
            XCTAssertTrue(events.wait(for: "event: hello"), events.text)

            var mark = events.mark
            try server.project.write("lossbook.yml", "title: The second title\nlanguage: fr\n")
            XCTAssertTrue(events.wait(for: "event: reload", after: mark), "\(arguments): \(events.text)")
            let edited = try RawResponse.fetch("/", port: server.port).text
            XCTAssertTrue(edited.contains("The second title"), edited)
            XCTAssertTrue(edited.contains("<html lang=\"fr\""), edited)

            mark = events.mark
            try server.project.write("lossbook.yml", "title: The third title\nlangauge: de\n")
            XCTAssertTrue(events.wait(for: "event: build-error", after: mark), "\(arguments): \(events.text)")
            let located = "lossbook.yml:2:1: error: unknown field 'langauge' in the course settings (did you mean 'language'?)"
            XCTAssertTrue(events.wait(for: located, after: mark), events.text)
            XCTAssertTrue(server.waitForStderr { $0.contains(located) && $0.contains("still serving the last good site/") }, server.stderr)
            let kept = try RawResponse.fetch("/", port: server.port).text
            XCTAssertTrue(kept.contains("The second title") && !kept.contains("The third title"), "the last good site is still served")

            mark = events.mark
            try server.project.write("lossbook.yml", "title: The fourth title\n")
            XCTAssertTrue(events.wait(for: "event: reload", after: mark), "\(arguments): \(events.text)")
            XCTAssertTrue(try RawResponse.fetch("/", port: server.port).text.contains("The fourth title"))
            server.stop()
        }
    }

    func testPollingFallbackAlsoRebuilds() throws {
        let server = try serve(arguments: ["--poll"])
        XCTAssertTrue(server.stdout.contains("polling every 250 ms"), server.stdout)
        let events = try EventStreamReader(port: server.port)
        XCTAssertTrue(events.wait(for: "event: hello"), events.text)
        let mark = events.mark
        try server.project.write("templates/assets/lossbook.css", "body { color: black; }\n")
        XCTAssertTrue(events.wait(for: "event: reload", after: mark), events.text)
        XCTAssertEqual(try RawResponse.fetch("/assets/lossbook.css", port: server.port).text, "body { color: black; }\n")
    }

    func testStopsCleanlyOnSIGTERM() throws {
        let server = try serve()
        let events = try EventStreamReader(port: server.port)
        XCTAssertTrue(events.wait(for: "event: hello"), events.text)
        XCTAssertEqual(server.stop(), 0, server.stderr)
        XCTAssertTrue(server.stdout.contains("Stopped."), server.stdout)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: server.project.root.path).filter { $0.hasPrefix(".site") }
        XCTAssertEqual(leftovers, [])
    }

    func testAPortInUseIsAClearError() throws {
        let server = try serve()
        let run = try server.project.run(["serve", "--port", String(server.port)])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("lossbook: error: cannot listen on 127.0.0.1:\(server.port)"), run.stderr)
    }

    func testRejectsAHostThatIsNotAnAddress() throws {
        let project = try TestProject(files: Self.course)
        projects.append(project)
        let run = try project.run(["serve", "--host", "example.com"])
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.stderr.contains("not an IP address"), run.stderr)
    }
}

import Foundation
import LossbookTestSupport
import XCTest

/// `lossbook eval` as the shell uses it: the contract in eval-protocol.md.
final class EvalCommandTests: XCTestCase {
    private func run(_ arguments: [String], input: String? = nil) throws -> TestProject.Run {
        try TestProject.run(TestProject.binary, arguments, in: FileManager.default.temporaryDirectory, input: input)
    }

    func testHumanForm() throws {
        let result = try run(["eval", "huber", "--input", "0.5,2,-3", "--target", "0,0,0", "--delta", "1"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("value: 1.375"), result.stdout)
        XCTAssertTrue(result.stdout.contains("gradient input: [0.16666666666666666, 0.3333333333333333, -0.3333333333333333]"), result.stdout)
    }

    func testUnknownLossIsAnErrorWithStatusOne() throws {
        let result = try run(["eval", "hubber", "--input", "1", "--target", "0"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.hasPrefix("error: "), result.stderr)
    }

    func testListAsJSON() throws {
        let result = try run(["eval", "--list", "--json"])
        XCTAssertEqual(result.status, 0)
        let list = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let names = list.compactMap { $0["name"] as? String }
        for expected in ["mse", "huber", "cross_entropy", "ctc", "vae", "plackett_luce_nll"] {
            XCTAssertTrue(names.contains(expected), expected)
        }
        let huber = try XCTUnwrap(list.first { $0["name"] as? String == "huber" })
        XCTAssertEqual(huber["differentiable"] as? [String], ["input"])
    }

    func testJSONLinesSurviveMalformedLines() throws {
        let input = """
        {"id": "c1", "loss": "huber", "args": {"input": [0.5, 2, -3], "target": [0, 0, 0], "delta": 1.0}, "reduction": "mean"}
        not json
        {"id": "c3", "loss": "mse", "args": {"input": "NaN", "target": [1]}}
        {"id": "c4", "loss": "cross_entropy", "args": {"input": [[1000, -1000]], "target": [1]}, "reduction": "none"}
        {"id": "c5", "loss": "bce", "args": {"input": [1.5], "target": [1]}}
        """
        let result = try run(["eval", "--jsonl"], input: input + "\n")
        XCTAssertEqual(result.status, 1, "any error line makes the exit status 1")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 5, result.stdout)
        XCTAssertEqual(lines[0], #"{"id":"c1","value":1.375,"grad":{"input":[0.16666666666666666,0.3333333333333333,-0.3333333333333333]}}"#)
        XCTAssertTrue(lines[1].contains("\"error\""), lines[1])
        XCTAssertTrue(lines[2].contains("\"id\"") && lines[2].contains("\"error\""), lines[2])
        XCTAssertTrue(lines[3].contains("2000"), "logits of ±1000 give a finite loss: \(lines[3])")
        XCTAssertTrue(lines[4].contains("\"error\"") && lines[4].contains("input"), "a probability outside [0, 1] names the argument: \(lines[4])")
    }

    /// A line longer than the protocol's limit is answered with an error without being held in
    /// memory whole; the next line is answered as usual. Before: `readLine` buffered all of it.
    func testALineOverTheLimitIsRefusedInBoundedMemory() throws {
        let script = """
            { printf '{"id":"huge","loss":"mse","args":{"input":['; head -c 200000000 /dev/zero | tr '\\0' ' '; \
              printf ']}}\\n{"id":"next","loss":"mse","args":{"input":[1],"target":[0]}}\\n'; } \
            | /usr/bin/time -f 'peak-kb %M' "$0" eval --jsonl
            """
        let result = try TestProject.run(URL(fileURLWithPath: "/bin/sh"), ["-c", script, TestProject.binary.path],
                                         in: FileManager.default.temporaryDirectory)
        XCTAssertEqual(result.status, 1, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2, result.stdout)
        XCTAssertTrue(lines.first?.hasPrefix(#"{"id":null,"error":"malformed input: line of 200000046 bytes"#) == true, result.stdout)
        XCTAssertEqual(lines.last, #"{"id":"next","value":1.0,"grad":{"input":[2.0]}}"#)
        let peak = result.stderr.split(separator: "\n").last { $0.hasPrefix("peak-kb ") }.flatMap { Int($0.dropFirst(8)) }
        let kilobytes = try XCTUnwrap(peak, result.stderr)
        XCTAssertLessThan(kilobytes, 330_000, "at most the 128 MiB limit is held (readLine held 410 MB for this line)")
    }

    /// Errors quote what the user wrote, cut short: a megabyte-long loss name is not echoed back.
    func testErrorsDoNotEchoHugeNames() throws {
        let name = String(repeating: "x", count: 1 << 20)
        let result = try run(["eval", "--jsonl"], input: #"{"id":1,"loss":"\#(name)","args":{}}"# + "\n")
        XCTAssertEqual(result.status, 1)
        XCTAssertLessThan(result.stdout.utf8.count, 300, String(result.stdout.prefix(300)))
        XCTAssertTrue(result.stdout.contains("unknown loss 'xxxx"), result.stdout)
        XCTAssertTrue(result.stdout.contains("(1048576 bytes)"), result.stdout)
    }
}

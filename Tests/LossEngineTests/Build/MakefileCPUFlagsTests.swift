import Foundation
import XCTest

/// The Makefile passes one set of CPU flags to every build it starts (`make`, `make test`, the
/// manual page's plugin build of `make install`, `make bench-engine`), so the engine's kernels are
/// compiled the same way in all of them and a run after another does not rebuild for a flag;
/// `GENERIC=1` and an empty `SWIFT_CPU_FLAGS` give the portable build. Checked with `make -n`
/// (prints the commands, runs nothing).
final class MakefileCPUFlagsTests: XCTestCase {
    private static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The commands `make -n` prints for `targets` with `variables`.
    private func dryRun(_ targets: [String], _ variables: [String] = []) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["make", "-n", "--no-print-directory"] + variables + targets
        process.currentDirectoryURL = Self.root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try XCTSkipIf(process.terminationStatus == 127, "make is not installed")
        XCTAssertEqual(process.terminationStatus, 0, "make -n \(targets)")
        // Words joined by single spaces (an empty flag list leaves two).
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
    }

    /// The `swift …` commands of release, test and manual, and the flags bench-engine hands on.
    private func swiftCommands(_ variables: [String] = []) throws -> (build: String, test: String, manual: String, bench: String) {
        let lines = try dryRun(["release", "test", "manual", "bench-engine"], variables)
        func line(_ prefix: String) throws -> String {
            try XCTUnwrap(lines.first { $0.hasPrefix(prefix) }, "no `\(prefix)` in \(lines)")
        }
        return (try line("swift build -c release --product lossbook"), try line("swift test -c release"),
                try line("swift package"), try line("SWIFT_CPU_FLAGS="))
    }

    private func flags(after prefix: String, in command: String) -> String {
        String(command.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
    }

    func testEveryBuildGetsTheSameFlags() throws {
        let c = try swiftCommands()
        let build = flags(after: "swift build -c release --product lossbook", in: c.build)
        XCTAssertEqual(flags(after: "swift test -c release", in: c.test), build)
        XCTAssertTrue(c.manual.hasPrefix(build.isEmpty ? "swift package plugin" : "swift package \(build) plugin"), c.manual)
        XCTAssertTrue(c.bench.hasPrefix("SWIFT_CPU_FLAGS=\"\(build)\" "), c.bench)
        // The default is haswell, with the exp and log kernels' fused multiply-adds, exactly where the
        // CPU has the Haswell set; generic elsewhere.
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let flagLine = cpu.split(separator: "\n").first { $0.hasPrefix("flags") }.map { Set($0.split(separator: " ").map(String.init)) } ?? []
        var machine = utsname()
        uname(&machine)
        let arch = withUnsafeBytes(of: &machine.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let haswell = arch == "x86_64" && ["avx2", "fma", "bmi1", "bmi2", "abm", "movbe", "f16c"].allSatisfy(flagLine.contains)
        XCTAssertEqual(build, haswell ? "-Xswiftc -target-cpu -Xswiftc haswell -Xswiftc -DLOSSBOOK_FMA" : "")
    }

    func testGenericAndEmptyFlagsGiveThePortableBuild() throws {
        for variables in [["GENERIC=1"], ["SWIFT_CPU_FLAGS="]] {
            let c = try swiftCommands(variables)
            XCTAssertEqual(flags(after: "swift build -c release --product lossbook", in: c.build), "", "\(variables)")
            XCTAssertEqual(flags(after: "swift test -c release", in: c.test), "", "\(variables)")
            XCTAssertTrue(c.manual.hasPrefix("swift package plugin generate-manual"), c.manual)
            XCTAssertTrue(c.bench.hasPrefix("SWIFT_CPU_FLAGS=\"\" "), c.bench)
        }
    }
}

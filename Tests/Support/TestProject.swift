import Foundation

/// A throwaway lossbook project in a temporary folder: its own content, the repository's real
/// templates, and helpers to run the built `lossbook` binary on it like a user would.
public struct TestProject {
    public let root: URL

    /// The repository this test run belongs to.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Creates a project with `files` (relative path → text) under a new temporary folder and a
    /// copy of the repository's templates/ (unless `files` brings its own templates).
    public init(files: [String: String], copyTemplates: Bool = true) throws {
        let fileManager = FileManager.default
        root = fileManager.temporaryDirectory.appendingPathComponent("lossbook-test-\(UUID().uuidString)")
        try fileManager.createDirectory(at: root, withIntermediateDirectories: true)
        if copyTemplates {
            try fileManager.copyItem(at: Self.repositoryRoot.appendingPathComponent("templates"),
                                     to: root.appendingPathComponent("templates"))
        }
        for (path, text) in files {
            try write(path, text)
        }
    }

    public func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    public func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    public func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: root.appendingPathComponent(path).path).map { String(decoding: $0, as: UTF8.self) }
    }

    public func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    /// The `lossbook` executable built next to the test bundle.
    public static var binary: URL {
        let directory = Bundle.main.executableURL?.deletingLastPathComponent()
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [directory, directory.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("lossbook")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return directory.appendingPathComponent("lossbook")
    }

    public struct Run {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs `lossbook ARGUMENTS` in the project folder, with standard input from `input`.
    public func run(_ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> Run {
        try Self.run(Self.binary, arguments, in: root, input: input, environment: environment)
    }

    public static func run(_ executable: URL, _ arguments: [String], in directory: URL, input: String? = nil,
                           environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("lossbook-out-\(UUID().uuidString)")
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("lossbook-err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outputFile)
            try? FileManager.default.removeItem(at: errorFile)
        }
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        let inputPipe = Pipe()
        process.standardInput = inputPipe
        try process.run()
        if let input { inputPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inputPipe.fileHandleForWriting.close()
        process.waitUntilExit()
        let stdout = String(decoding: (try? Data(contentsOf: outputFile)) ?? Data(), as: UTF8.self)
        let stderr = String(decoding: (try? Data(contentsOf: errorFile)) ?? Data(), as: UTF8.self)
        return Run(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}

/// Every file below a folder with its bytes, for comparing whole sites.
public enum DirectorySnapshot {
    public static func take(_ directory: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let base = directory.standardizedFileURL.path + "/"
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [:] }
        for case let url as URL in enumerator {
            let path = url.standardizedFileURL.path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue, path.hasPrefix(base) {
                result[String(path.dropFirst(base.count))] = FileManager.default.contents(atPath: path)
            }
        }
        return result
    }

    /// Paths that differ between two snapshots: added, removed or changed.
    public static func differences(_ lhs: [String: Data], _ rhs: [String: Data]) -> [String] {
        Set(lhs.keys).union(rhs.keys).filter { lhs[$0] != rhs[$0] }.sorted()
    }
}

/// The projects one test made, removed together when it ends: a test case keeps one and calls
/// `removeAll` from its `tearDown`.
public final class TestProjects {
    private var made: [TestProject] = []

    public init() {}

    /// A new project (see `TestProject.init`), removed by `removeAll`.
    public func make(_ files: [String: String], copyTemplates: Bool = true) throws -> TestProject {
        let project = try TestProject(files: files, copyTemplates: copyTemplates)
        made.append(project)
        return project
    }

    public func removeAll() {
        made.forEach { $0.remove() }
        made = []
    }
}

import Foundation

extension RunnableSwiftStage {
    /// The folder where engines are compiled, blocks built and outputs cached.
    struct Workspace {
        let root: URL

        init(cacheDirectory: URL?) throws {
            root = (cacheDirectory ?? FileManager.default.temporaryDirectory.appendingPathComponent("lossbook-swift-run"))
                .appendingPathComponent("swift-run")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }

        /// What blocks compile against: a module folder for `-I` and what to link.
        struct EngineLibrary {
            var moduleDirectory: URL
            var linkArguments: [String]
            var fingerprint: String
            /// Compiled from sources by this workspace (rather than prebuilt with lossbook).
            var fromSources: Bool
        }

        /// The prebuilt engine of the running lossbook (see `PrebuiltEngine`).
        static func library(_ prebuilt: PrebuiltEngine) -> EngineLibrary {
            EngineLibrary(moduleDirectory: prebuilt.moduleDirectory, linkArguments: prebuilt.linkArguments,
                          fingerprint: prebuilt.fingerprint, fromSources: false)
        }

        /// LossEngine compiled from `sources` as a shared library, once per version of them.
        /// Only when no prebuilt engine matches the running lossbook (see `PrebuiltEngine`).
        func engineLibrary(sources engineSources: URL, toolchain: SwiftToolchain) throws -> EngineLibrary {
            let sources = FileListing.regularFiles(under: engineSources).filter { $0.hasSuffix(".swift") }
            var fingerprintInput = ""
            for source in sources {
                let data = FileManager.default.contents(atPath: engineSources.appendingPathComponent(source).path) ?? Data()
                fingerprintInput += source + "\u{0}" + String(decoding: data, as: UTF8.self) + "\u{0}"
            }
            let fingerprint = FNV1a128.hex(of: [fingerprintInput])
            let directory = root.appendingPathComponent("engine-\(fingerprint)")
            let library = directory.appendingPathComponent("libLossEngine.so")
            let made = EngineLibrary(moduleDirectory: directory,
                                     linkArguments: ["-L", directory.path, "-lLossEngine", "-Xlinker", "-rpath", "-Xlinker", directory.path],
                                     fingerprint: fingerprint, fromSources: true)
            // A cut library (killed copy, full disk) is compiled again rather than failing at link time.
            if CompiledLibrary.isWhole(library) { return made }
            // Build beside, then rename: two builds at once never see half a library.
            let staging = root.appendingPathComponent("engine-\(fingerprint).building-\(ProcessInfo.processInfo.processIdentifier)")
            try? FileManager.default.removeItem(at: staging)
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            let arguments = ["-emit-library", "-emit-module", "-module-name", "LossEngine", "-swift-version", "6", "-Onone",
                             "-o", staging.appendingPathComponent("libLossEngine.so").path,
                             "-emit-module-path", staging.appendingPathComponent("LossEngine.swiftmodule").path]
                + sources.map { engineSources.appendingPathComponent($0).path }
            let result = try ProcessRunner.run(toolchain.swiftc, arguments, in: staging, timeLimit: 600)
            guard result.status == 0 else {
                throw SwiftToolchain.Missing(description: "compiling LossEngine failed:\n\(result.output.suffix(2000))")
            }
            try? FileManager.default.removeItem(at: directory)
            try FileManager.default.moveItem(at: staging, to: directory)
            return made
        }

        /// This process's build folder (sources, the compiled runner), once its blocks have run.
        func removeBuild() {
            try? FileManager.default.removeItem(at: buildFolder)
        }

        var buildFolder: URL { root.appendingPathComponent("build-\(ProcessInfo.processInfo.processIdentifier)") }

        /// Compiles the blocks into one executable. Returns nil and the errors, mapped to the
        /// content files, when the compiler refuses.
        func compile(_ jobs: [Job], engine: EngineLibrary, toolchain: SwiftToolchain) throws -> (URL?, [Diagnostic]) {
            let build = buildFolder
            try? FileManager.default.removeItem(at: build)
            try FileManager.default.createDirectory(at: build, withIntermediateDirectories: true)
            var files: [String] = []
            var dispatch = "import Foundation\n\nlet lossbookBlocks: [() throws -> Void] = ["
            dispatch += jobs.indices.map { "lossbookBlock\($0)" }.joined(separator: ", ") + "]\n"
            dispatch += """
            if let index = CommandLine.arguments.dropFirst().first.flatMap({ Int($0) }), lossbookBlocks.indices.contains(index) {
                do {
                    try lossbookBlocks[index]()
                } catch {
                    print("error thrown: \\(error)")
                    exit(3)
                }
            }

            """
            try Data(dispatch.utf8).write(to: build.appendingPathComponent("main.swift"))
            files.append("main.swift")
            for (index, job) in jobs.enumerated() {
                // Line 1 imports, line 2 opens the function, so code line k is file line k + 2.
                var lifted: [String] = []
                let body = job.code.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                    let trimmed = line.trimmingWhitespaces
                    if trimmed.hasPrefix("import ") {
                        lifted.append(trimmed)
                        return "// " + line
                    }
                    return String(line)
                }
                let imports = (["import Foundation", "import LossEngine"] + lifted).joined(separator: "; ")
                let text = imports + "\nfunc lossbookBlock\(index)() throws {\n" + body.joined(separator: "\n") + "\n}\n"
                let name = "block\(index).swift"
                try Data(text.utf8).write(to: build.appendingPathComponent(name))
                files.append(name)
            }
            let runner = build.appendingPathComponent("runner")
            // One frontend for all files (`-wmo`): each frontend of the default one-per-file mode
            // loads Foundation and LossEngine again; measured 0.8 against 1.6 s (0.4 against
            // 0.75 s of CPU) for the course's three blocks.
            let arguments = ["-swift-version", "6", "-Onone", "-wmo", "-I", engine.moduleDirectory.path, "-o", runner.path]
                + files.map { build.appendingPathComponent($0).path } + engine.linkArguments
            let result = try ProcessRunner.run(toolchain.swiftc, arguments, in: build, timeLimit: 300)
            if result.status == 0 { return (runner, []) }
            if !engine.fromSources, let mismatch = Self.moduleMismatch(in: result.output) {
                throw IncompatibleEngine(description: mismatch)
            }
            return (nil, Self.compilerErrors(result.output, jobs: jobs, build: build))
        }

        /// A prebuilt engine that `swiftc` cannot import: made by another compiler version.
        struct IncompatibleEngine: Error, CustomStringConvertible {
            var description: String
        }

        /// The compiler's complaint when the LossEngine module was made by another compiler.
        static func moduleMismatch(in output: String) -> String? {
            output.split(separator: "\n").first { line in
                line.contains("LossEngine") && (line.contains("compiled with") || line.contains("different version of the compiler")
                    || line.contains("cannot load module"))
            }.map { $0.trimmingWhitespaces }
        }

        /// `…/blockN.swift:LINE:COL: error: message` becomes an error at the block's line in its note.
        static func compilerErrors(_ output: String, jobs: [Job], build: URL) -> [Diagnostic] {
            var diagnostics: [Diagnostic] = []
            for line in output.split(separator: "\n") where line.contains(": error: ") {
                let parts = line.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false)
                guard parts.count == 5, let fileLine = Int(parts[1]), let column = Int(parts[2]) else { continue }
                let file = URL(fileURLWithPath: String(parts[0])).lastPathComponent
                let message = parts[4].trimmingWhitespaces
                if file.hasPrefix("block"), let index = Int(file.dropFirst(5).dropLast(6)), jobs.indices.contains(index) {
                    let job = jobs[index]
                    diagnostics.append(.error(.swiftRunCompile,
                                              at: SourceLocation(path: job.displayPath, line: job.fence.line + max(1, fileLine - 2), column: column),
                                              "Swift block does not compile: \(message)"))
                } else if let job = jobs.first {
                    diagnostics.append(.error(.swiftRunCompile,
                                              at: SourceLocation(path: job.displayPath, job.fence),
                                              "Swift blocks do not compile: \(message)"))
                }
            }
            if diagnostics.isEmpty, let job = jobs.first {
                diagnostics.append(.error(.swiftRunCompile,
                                          at: SourceLocation(path: job.displayPath, job.fence),
                                          "Swift blocks do not compile:\n\(output.suffix(1500))"))
            }
            return diagnostics
        }

        /// Runs one block in its own process, stopping it at the time limit.
        func execute(_ runner: URL, block: Int, timeLimit: TimeInterval) -> Outcome {
            do {
                // No backtrace: the author needs Swift's one-line reason ("Fatal error: Index out of range").
                let result = try ProcessRunner.run(runner, [String(block)], in: runner.deletingLastPathComponent(), timeLimit: timeLimit,
                                                   environment: ["SWIFT_BACKTRACE": "enable=no"], outputLimit: Limits.swiftOutputBytes)
                if result.outputCapped {
                    return Outcome(output: result.output,
                                   failure: "the Swift block printed more than \(Limits.swiftOutputBytes / 1024) KB and was stopped")
                }
                if result.timedOut {
                    return Outcome(output: result.output, failure: "the Swift block ran longer than \(Int(timeLimit)) s and was stopped")
                }
                switch result.termination {
                case .uncaughtSignal:
                    return Outcome(output: result.output, failure: "the Swift block crashed (signal \(result.status))")
                default:
                    if result.status == 3 { return Outcome(output: result.output, failure: "the Swift block threw an error") }
                    if result.status != 0 { return Outcome(output: result.output, failure: "the Swift block exited with status \(result.status)") }
                    return Outcome(output: result.output, failure: nil)
                }
            } catch {
                return Outcome(output: "", failure: "the Swift block could not be started: \(error)")
            }
        }
    }
}

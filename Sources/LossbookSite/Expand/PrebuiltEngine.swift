import Foundation

/// LossEngine as the build of the running lossbook compiled it: its module interface and its
/// object code, so that runnable Swift blocks link the very engine lossbook computes with instead
/// of compiling the engine's sources again (15 s and more).
///
/// Two places are looked at, relative to the running executable (symbolic links resolved):
/// - installed by `make install`: `PREFIX/lib/lossbook/` holds `LossEngine.swiftmodule`,
///   `libLossEngine.a` and `engine-identity`, the fingerprint of the lossbook binary installed
///   with them (`lossbook engine-identity`); it must be the running binary's;
/// - beside it, where SwiftPM built it: `Modules/LossEngine.swiftmodule` and the object files in
///   `LossEngine.build/`, none of them newer than the executable (an engine rebuilt after this
///   lossbook was linked is not the one it computes with).
struct PrebuiltEngine: Equatable {
    /// The folder passed to `swiftc -I`.
    var moduleDirectory: URL
    /// What `swiftc` links: the object files, or the archive with all its members kept.
    var linkArguments: [String]
    /// Changes whenever the engine can have: part of the cache keys of block outputs.
    var fingerprint: String
    /// Where it was found, for messages.
    var origin: String

    /// Why no prebuilt engine could be used; printed as it is.
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    static let identityFileName = "engine-identity"

    /// The prebuilt engine that belongs to `executable`, or why there is none.
    static func locate(executable: URL? = Bundle.main.executableURL) -> Result<PrebuiltEngine, Unavailable> {
        guard let executable = executable?.resolvingSymlinksInPath() else {
            return .failure(Unavailable(description: "the running program's path is unknown"))
        }
        let folder = executable.deletingLastPathComponent()
        let installed = folder.deletingLastPathComponent().appendingPathComponent("lib/lossbook")
        if FileManager.default.fileExists(atPath: installed.appendingPathComponent(identityFileName).path) {
            return installedEngine(in: installed, executable: executable)
        }
        return builtEngine(beside: folder, executable: executable)
    }

    /// The fingerprint of a lossbook binary: FNV-1a 128 of its bytes (about 40 ms for 20 MB,
    /// computed once per process for the running program, and only when a page has a block).
    static func identity(of executable: URL) -> String? {
        if executable.standardizedFileURL == runningProgram?.standardizedFileURL { return runningProgramIdentity }
        return computeIdentity(of: executable)
    }

    private static let runningProgram = Bundle.main.executableURL?.resolvingSymlinksInPath()
    private static let runningProgramIdentity = runningProgram.flatMap(computeIdentity(of:))

    private static func computeIdentity(of executable: URL) -> String? {
        guard let data = try? Data(contentsOf: executable, options: .alwaysMapped) else { return nil }
        var hash = FNV1a128()
        hash.combine(field: "lossbook binary")
        hash.combine(length: data.count)
        hash.combine(bytes: data)
        return hash.hex
    }

    private static func installedEngine(in folder: URL, executable: URL) -> Result<PrebuiltEngine, Unavailable> {
        let module = folder.appendingPathComponent("LossEngine.swiftmodule")
        let archive = folder.appendingPathComponent("libLossEngine.a")
        for file in [module, archive] where !FileManager.default.fileExists(atPath: file.path) {
            return .failure(Unavailable(description: "\(file.path) is missing (reinstall lossbook with make install)"))
        }
        let recorded = (try? String(contentsOf: folder.appendingPathComponent(identityFileName), encoding: .utf8))?
            .trimmingWhitespacesAndNewlines
        guard let running = identity(of: executable) else {
            return .failure(Unavailable(description: "cannot read the running program \(executable.path)"))
        }
        guard recorded == running else {
            return .failure(Unavailable(description: "the LossEngine module in \(folder.path) was installed with another lossbook than \(executable.path) (reinstall with make install)"))
        }
        return .success(PrebuiltEngine(moduleDirectory: folder,
                                       linkArguments: ["-Xlinker", "--whole-archive", archive.path, "-Xlinker", "--no-whole-archive"],
                                       fingerprint: running, origin: folder.path))
    }

    private static func builtEngine(beside folder: URL, executable: URL) -> Result<PrebuiltEngine, Unavailable> {
        let fileManager = FileManager.default
        // SwiftPM 5.9+ keeps modules in Modules/; older ones beside the products.
        let moduleDirectory = [folder.appendingPathComponent("Modules"), folder]
            .first { fileManager.fileExists(atPath: $0.appendingPathComponent("LossEngine.swiftmodule").path) }
        let objectFolder = folder.appendingPathComponent("LossEngine.build")
        let objects = currentObjects(in: objectFolder)
        guard let moduleDirectory, !objects.isEmpty else {
            return .failure(Unavailable(description: "no LossEngine module was installed with lossbook (\(folder.deletingLastPathComponent().appendingPathComponent("lib/lossbook").path)) or built beside it (\(folder.path))"))
        }
        let module = moduleDirectory.appendingPathComponent("LossEngine.swiftmodule")
        guard let built = modificationDate(executable) else {
            return .failure(Unavailable(description: "cannot read the running program \(executable.path)"))
        }
        for file in [module] + objects {
            guard let date = modificationDate(file), date <= built else {
                return .failure(Unavailable(description: "LossEngine in \(folder.path) was rebuilt after this lossbook was linked (rebuild lossbook: swift build)"))
            }
        }
        guard let running = identity(of: executable) else {
            return .failure(Unavailable(description: "cannot read the running program \(executable.path)"))
        }
        return .success(PrebuiltEngine(moduleDirectory: moduleDirectory, linkArguments: objects.map(\.path),
                                       fingerprint: running, origin: folder.path))
    }

    /// The engine's object files as SwiftPM's last build of it lists them (its output file map).
    /// A source file removed from the engine leaves its object behind in the folder, and linking
    /// that stale object failed with undefined symbols; the folder's listing is the fallback when
    /// there is no map. Names only: the map holds absolute paths, and a checkout can move.
    static func currentObjects(in objectFolder: URL) -> [URL] {
        let map = objectFolder.appendingPathComponent("output-file-map.json")
        if let data = FileManager.default.contents(atPath: map.path),
           let entries = try? JSONDecoder().decode([String: [String: String]].self, from: data) {
            let names = entries.compactMap { source, outputs in source.isEmpty ? nil : outputs["object"] }
                .map { URL(fileURLWithPath: $0).lastPathComponent }
            return Set(names).sorted().map { objectFolder.appendingPathComponent($0) }
        }
        return ((try? FileManager.default.contentsOfDirectory(atPath: objectFolder.path)) ?? [])
            .filter { $0.hasSuffix(".o") }.sorted().map { objectFolder.appendingPathComponent($0) }
    }

    private static func modificationDate(_ file: URL) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: file.path))?[.modificationDate] as? Date
    }
}

/// The fingerprint `make install` records beside the installed engine (`lossbook engine-identity`).
public enum EngineIdentity {
    public static func ofRunningProgram() -> String? {
        Bundle.main.executableURL.flatMap { PrebuiltEngine.identity(of: $0.resolvingSymlinksInPath()) }
    }

    /// The object files of SwiftPM's last build of the engine in `objectFolder` (for make install's
    /// archive; stale objects of removed sources are left out, see `PrebuiltEngine.currentObjects`).
    public static func objects(in objectFolder: URL) -> [URL] {
        PrebuiltEngine.currentObjects(in: objectFolder)
    }
}

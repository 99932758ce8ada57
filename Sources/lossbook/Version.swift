import ArgumentParser
import Foundation
import LossEngine
import LossbookSite

/// What `lossbook --version` prints.
enum LossbookVersion {
    static let string = "0.1.0"
    static var description: String { "lossbook \(string) (LossEngine \(EngineVersion.string))" }
}

/// `lossbook engine-identity` (hidden): the fingerprint of this binary, which `make install`
/// writes beside the installed LossEngine module so that runnable Swift uses that module only
/// with the lossbook it was installed with.
struct EngineIdentityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine-identity",
        abstract: "Print the fingerprint of this lossbook binary (used by make install).",
        shouldDisplay: false
    )

    @Option(name: .customLong("objects"), help: "Instead, list the engine's current object files in this LossEngine.build folder.")
    var objectFolder: String?

    func run() throws {
        if let objectFolder {
            let objects = EngineIdentity.objects(in: URL(fileURLWithPath: objectFolder))
            guard !objects.isEmpty else {
                FileHandle.standardError.write(Data("lossbook: error: no object files in \(objectFolder)\n".utf8))
                throw ExitCode(1)
            }
            for object in objects { print(object.path) }
            return
        }
        guard let identity = EngineIdentity.ofRunningProgram() else {
            FileHandle.standardError.write(Data("lossbook: error: cannot read the running program\n".utf8))
            throw ExitCode(1)
        }
        print(identity)
    }
}

import ArgumentParser
import Foundation
import LossEngine
import LossEngineEval

/// `lossbook eval`: every loss of the engine from the shell (see docs/eval-protocol.md).
///
/// The command only wires arguments, stdin and stdout to ``LossEngine/EvalProtocol`` and
/// ``LossEngine/HumanForm``, where the logic lives and is tested.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a loss and its gradient.",
        discussion: """
        lossbook eval huber --input 0.5,2,-3 --target 0,0,0 --delta 1
        lossbook eval --list [--json]
        lossbook eval --experiments
        lossbook eval --jsonl < cases.jsonl > results.jsonl
        """
    )

    @Flag(name: .long, help: "List every loss with its arguments and defaults.")
    var list = false

    @Flag(name: .long, help: "With --list: print the list as JSON.")
    var json = false

    @Flag(name: .long, help: "List the seeded experiments the course can run, with the fields each one reports.")
    var experiments = false

    @Flag(name: .long, help: "Read JSON-lines cases from stdin and answer each on stdout.")
    var jsonl = false

    @Argument(parsing: .captureForPassthrough, help: "The loss name followed by --argument value pairs.")
    var arguments: [String] = []

    func run() throws {
        if experiments {
            for name in ExperimentCatalog.names {
                print("\(name): \(ExperimentCatalog.describe(name) ?? "")")
                if let result = try? ExperimentCatalog.run(name, seed: 7) {
                    print("  fields: " + result.fields.keys.sorted().joined(separator: ", "))
                }
            }
            return
        }
        if list {
            print(json ? EvalProtocol.listJSON() : EvalProtocol.listText(), terminator: json ? "\n" : "")
            return
        }
        if jsonl {
            let anyError = EvalProtocol.run(BoundedLineReader(limit: EvalProtocol.lineLimit)) { print($0) }
            if anyError { throw ExitCode(1) }
            return
        }
        if arguments.isEmpty || arguments.first == "--help" || arguments.first == "-h" {
            throw CleanExit.helpRequest(self)
        }
        do {
            print(try HumanForm.run(arguments), terminator: "")
        } catch let error as LossError {
            var stderr = StandardError()
            print("error: \(error.description)", to: &stderr)
            throw ExitCode(1)
        }
    }
}

private struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}

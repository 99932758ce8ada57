import CProcessGroup
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program (`swiftc`, a runnable block's executable) with its output (standard output and
/// error, interleaved) read from a pipe as it comes, and stops it when it runs too long or prints
/// too much. The program runs in a process group of its own under a small supervisor
/// (`lossbook_group_spawn`), so that it and anything it started in the background die when it
/// ends, when it is stopped, and when lossbook itself dies (Ctrl-C, kill -9).
enum ProcessRunner {
    struct Result {
        var status: Int32
        var termination: Process.TerminationReason
        var output: String
        var timedOut: Bool
        /// The program printed more than the output limit and was stopped; `output` holds the start.
        var outputCapped: Bool = false
    }

    struct StartFailure: Error, CustomStringConvertible {
        var executable: String
        var code: Int32
        var description: String { "cannot start \(executable): \(String(cString: strerror(code)))" }
    }

    /// - Parameter outputLimit: bytes of output kept; past it the program is stopped.
    static func run(_ executable: URL, _ arguments: [String], in directory: URL, timeLimit: TimeInterval,
                    environment: [String: String] = [:], outputLimit: Int = 16 << 20) throws -> Result {
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            .sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        var child = lossbook_group_child()
        let code = withCStrings([executable.path] + arguments) { argv in
            withCStrings(variables) { envp in
                lossbook_group_spawn(executable.path, argv, envp, directory.path, &child)
            }
        }
        guard code == 0 else { throw StartFailure(executable: executable.path, code: code) }
        defer {
            close(child.output_fd)
            close(child.status_fd)
        }

        let deadline = Date().addingTimeInterval(timeLimit)
        var output: [UInt8] = []
        var report: [UInt8] = []  // pid, then wait status, from the supervisor
        var outputOpen = true, reportOpen = true
        var timedOut = false, capped = false, stopSent: Date?
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while reportOpen || outputOpen {
            let now = Date()
            if stopSent == nil, now >= deadline {
                timedOut = true
                stop(child, report: report)
                stopSent = now
            }
            // Once the program has ended (or been stopped), what it left in the pipe is read for
            // at most two seconds more: a background child holding the pipe must not hold us.
            if let sent = stopSent, now.timeIntervalSince(sent) > 2 {
                kill(child.supervisor, SIGKILL)
                if let pid = programID(report) { kill(-pid, SIGKILL) }
                break
            }
            if !reportOpen, stopSent == nil { stopSent = now }
            let until = stopSent.map { $0.addingTimeInterval(2) } ?? deadline
            let wait = Int32(max(0, min(1000, until.timeIntervalSince(now) * 1000)))
            var fds = [pollfd(fd: outputOpen ? child.output_fd : -1, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: reportOpen ? child.status_fd : -1, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, wait)
            if ready < 0 && errno != EINTR { break }
            if ready <= 0 { continue }
            if outputOpen, fds[0].revents != 0 {
                let count = read(child.output_fd, &buffer, buffer.count)
                if count > 0 {
                    let room = max(0, outputLimit - output.count)
                    output += buffer[0..<min(count, room)]
                    if count > room, !capped {
                        capped = true
                        stop(child, report: report)
                        stopSent = stopSent ?? Date()
                        outputOpen = false
                    }
                } else if count == 0 || errno != EINTR {
                    outputOpen = false
                }
            }
            if reportOpen, fds[1].revents != 0 {
                let count = read(child.status_fd, &buffer, buffer.count)
                if count > 0 {
                    report += buffer[0..<count]
                } else if count == 0 || errno != EINTR {
                    reportOpen = false
                }
            }
        }
        var supervisorStatus: Int32 = 0
        while waitpid(child.supervisor, &supervisorStatus, 0) < 0, errno == EINTR {}

        let text = String(decoding: output, as: UTF8.self)
        guard report.count >= 8 else {
            // The supervisor died without a report: it was killed, with the program.
            return Result(status: SIGKILL, termination: .uncaughtSignal, output: text, timedOut: timedOut, outputCapped: capped)
        }
        let status = report[4..<8].withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }
        let signal = status & 0x7f
        if signal != 0 {
            return Result(status: signal, termination: .uncaughtSignal, output: text, timedOut: timedOut, outputCapped: capped)
        }
        return Result(status: (status >> 8) & 0xff, termination: .exit, output: text, timedOut: timedOut, outputCapped: capped)
    }

    private static func programID(_ report: [UInt8]) -> pid_t? {
        guard report.count >= 4 else { return nil }
        let pid = report[0..<4].withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }
        return pid > 0 ? pid : nil
    }

    /// Asks the supervisor to kill the program's group; kills the group too if it is known.
    private static func stop(_ child: lossbook_group_child, report: [UInt8]) {
        if let pid = programID(report) { kill(-pid, SIGKILL) }
        kill(child.supervisor, SIGTERM)
    }

    /// `strings` as a NULL-terminated array of C strings, for the duration of `body`.
    private static func withCStrings<T>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> T) -> T {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}

import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
import JSONWriting
#elseif canImport(Darwin)
import Darwin
#endif

/// A node process started before anyone can use it (see `LoadStage.startNodeEarly`), handed
/// over once: to the renderer that takes it, or ended with the build.
final class StartedNode: Sendable {
    private let node: Mutex<NodeRenderer?>

    init(_ node: sending NodeRenderer?) {
        self.node = Mutex(node)
    }

    /// The process, the first time; nil afterwards.
    func take() -> sending NodeRenderer? {
        node.withLock { $0.take() }
    }
}

/// One `node renderer.js` process and the JSON-lines protocol spoken with it (see the comment at
/// the top of renderer.js).
///
/// A batch is exchanged in one go: a writer thread streams every request into node's stdin while
/// the calling thread reads the answers from its stdout, so neither pipe can fill up and block the
/// other side. node's stderr is drained by a third thread, which keeps its last few kilobytes for
/// error messages. Not thread-safe: `RenderService` serialises calls.
final class NodeRenderer {
    /// A request without its id; ids are assigned here, sequentially.
    enum Request {
        case math(tex: String, display: Bool)
        case code(code: String, language: String?)
        case version
    }

    /// One answer line.
    struct Answer: Decodable {
        var id: Int?
        var html: String?
        var error: String?
        var position: Int?
        var warnings: [MathWarning]?
        var katex: String?
        var highlight: String?
        var fatal: String?
    }

    private let process: Process
    /// node's stdin; closed through its FileHandle, which would otherwise close the descriptor
    /// again when released (possibly after the number was reused).
    private let inputHandle: FileHandle
    private let input: Int32
    private let output: Int32
    private let stderrTail: OutputTail
    private let stderrDone = DispatchSemaphore(value: 0)
    /// Signalled when node exits. Foundation's `waitUntilExit` on Linux polls its run loop every
    /// 50 ms, which every build paid once when it closed the renderer.
    private let exited = DispatchSemaphore(value: 0)
    private var exitSeen = false
    private var buffer: [UInt8] = []
    private var chunk = [UInt8](repeating: 0, count: 256 * 1024)
    private var bufferStart = 0
    private var nextID = 1
    private var closed = false
    private var stderrEnded = false
    private let decoder = JSONDecoder()
    private let answerTimeout: Double
    /// The request whose answer is being waited for, for the timeout's message.
    private var awaited: Request?

    convenience init(installation: RendererInstallation, macros: [String: String]) throws {
        try self.init(installation: installation)
        configure(macros: macros)
    }

    /// Starts node, which loads KaTeX at once; the macros can follow (`configure(macros:)`), as
    /// long as it is before the first batch.
    init(installation: RendererInstallation) throws {
        self.launchedFrom = installation
        let process = Process()
        process.executableURL = installation.node
        // Garbage collection on node's main thread only. By default V8 scavenges with helper
        // threads and the main thread waits for them; during a build the other core is busy
        // with lossbook's own work, so it waited for threads that were not running. Measured on
        // the 1000-page benchmark course (2 cores): cold builds about 6% faster; KaTeX alone is
        // no slower.
        process.arguments = ["--single-threaded-gc", installation.script.path]
        process.environment = installation.environment()
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        Self.enlarge(stdout)
        Self.enlarge(stdin)
        let exited = self.exited
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            throw RenderError.launchFailed("\(installation.node.path): \(OpenFileLimit.explanation ?? "\(error)")")
        }
        self.process = process
        self.answerTimeout = installation.answerTimeout
        self.inputHandle = stdin.fileHandleForWriting
        self.input = stdin.fileHandleForWriting.fileDescriptor
        self.output = stdout.fileHandleForReading.fileDescriptor
        // Keep the pipes' file handles alive for as long as their descriptors are used.
        self.pipes = [stdin, stdout, stderr]

        let tail = OutputTail()
        self.stderrTail = tail
        let errorDescriptor = stderr.fileHandleForReading.fileDescriptor
        let done = stderrDone
        let drain = Thread {
            var chunk = [UInt8](repeating: 0, count: 16 * 1024)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(errorDescriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                if count <= 0 { break }
                tail.append(chunk[0..<count])
            }
            done.signal()
        }
        drain.name = "lossbook renderer stderr"
        drain.start()
    }

    /// Sets the course's macros, sent ahead of the first batch.
    func configure(macros: [String: String]) {
        var config: [UInt8] = []
        JSONText.appendRaw(#"{"kind":"config","macros":{"#, to: &config)
        for (index, name) in macros.keys.sorted().enumerated() {
            if index > 0 { config.append(UInt8(ascii: ",")) }
            JSONText.appendString(name, to: &config)
            config.append(UInt8(ascii: ":"))
            JSONText.appendString(macros[name]!, to: &config)
        }
        JSONText.appendRaw("}}\n", to: &config)
        // Sent ahead of the first batch, by the writer thread (see `startWriter`).
        unsentConfig = config
    }

    /// The configuration line, until the first batch carries it.
    private var unsentConfig: [UInt8] = []

    /// The node, script and environment this process runs.
    let launchedFrom: RendererInstallation

    /// Whether any batch went to node yet.
    var hasExchanged: Bool { nextID > 1 }

    /// Whether node ended by a signal (`terminate`, `end` before any batch) rather than exiting.
    var wasKilled: Bool { !process.isRunning && process.terminationReason == .uncaughtSignal }

    private let pipes: [Pipe]

    /// What node printed on stderr lately (the highlight.js notice, KaTeX warnings, crashes).
    var standardError: String { stderrTail.text }

    /// Sends every request and returns the answers, in order.
    func exchange(_ requests: [Request]) throws -> [Answer] {
        guard !closed else { throw RenderError.protocolViolation("renderer already closed") }
        if requests.isEmpty { return [] }
        let firstID = nextID
        nextID += requests.count

        var batch = unsentConfig
        unsentConfig = []
        batch.reserveCapacity(batch.count + requests.count * 96)
        for (offset, request) in requests.enumerated() {
            Self.encode(request, id: firstID + offset, into: &batch)
        }
        let bytes = batch

        // Writer thread: streams the batch while this thread reads.
        let writeResult = WriteResult()
        let descriptor = input
        let writer = Thread {
            Self.blockSIGPIPE()
            writeResult.set(Self.write(bytes, to: descriptor))
        }
        writer.name = "lossbook renderer stdin"
        writer.start()

        var answers: [Answer] = []
        answers.reserveCapacity(requests.count)
        do {
            while answers.count < requests.count {
                awaited = requests[answers.count]
                guard let line = try readLine() else {
                    throw exitError()
                }
                let answer: Answer
                if line.first == UInt8(ascii: "=") {
                    answer = try readHTMLAnswer(header: line)
                } else {
                    do {
                        answer = try decoder.decode(Answer.self, from: Data(line))
                    } catch {
                        let excerpt = String(decoding: line.prefix(200), as: UTF8.self)
                        throw RenderError.protocolViolation("not a JSON answer: \(excerpt)")
                    }
                }
                if let fatal = answer.fatal {
                    throw fatal.hasPrefix("KaTeX not found") ? RenderError.katexNotFound : RenderError.protocolViolation(fatal)
                }
                let expected = firstID + answers.count
                guard answer.id == expected else {
                    throw RenderError.protocolViolation("expected the answer to request \(expected), got \(answer.id.map(String.init) ?? "null"): \(answer.error ?? "")")
                }
                answers.append(answer)
            }
        } catch {
            // The writer may be blocked on a full pipe: killing node unblocks it (EPIPE). Only
            // then is stdin closed, so that the writer never writes to a reused descriptor.
            if process.isRunning { process.terminate() }
            waitForExit()
            writeResult.wait()
            shutDown()
            throw error
        }
        writeResult.wait()
        return answers
    }

    /// Ends node: closing its stdin lets it finish and exit.
    func close() {
        shutDown()
    }

    /// Ends node: closed if it was used, killed if not (a process started ahead of a build that
    /// had nothing for it would otherwise be waited for until it had loaded KaTeX).
    func end() {
        if hasExchanged { close() } else { terminate() }
    }

    /// Kills node (used when it misbehaves).
    func terminate() {
        guard !closed else { return }
        if process.isRunning { process.terminate() }
        shutDown()
    }

    /// Waits until node has exited.
    private func waitForExit() {
        guard !exitSeen else { return }
        exited.wait()
        exitSeen = true
    }

    /// Waits (once) until the stderr drain has seen end of file, which happens when node exits.
    private func waitForStandardErrorToEnd() {
        guard !stderrEnded else { return }
        stderrDone.wait()
        stderrEnded = true
    }

    private func shutDown() {
        guard !closed else { return }
        closed = true
        try? inputHandle.close()
        waitForExit()
        waitForStandardErrorToEnd()
    }

    deinit { if !closed { end() } }

    // MARK: - Reading

    /// An answer that is only HTML: the header `=ID BYTES`, then the bytes and a newline.
    private func readHTMLAnswer(header: ArraySlice<UInt8>) throws -> Answer {
        let fields = header.dropFirst().split(separator: UInt8(ascii: " "))
        guard fields.count == 2, let id = Int(String(decoding: fields[0], as: UTF8.self)),
              let count = Int(String(decoding: fields[1], as: UTF8.self)), count >= 0 else {
            throw RenderError.protocolViolation("not an answer header: \(String(decoding: header.prefix(200), as: UTF8.self))")
        }
        guard let bytes = try readBytes(count + 1) else { throw exitError() }
        guard bytes.last == UInt8(ascii: "\n") else {
            throw RenderError.protocolViolation("answer \(id) is longer than its header says")
        }
        return Answer(id: id, html: String(decoding: bytes.dropLast(), as: UTF8.self))
    }

    /// The next `count` bytes of stdout, or nil when it ends first.
    private func readBytes(_ count: Int) throws -> ArraySlice<UInt8>? {
        while buffer.count - bufferStart < count {
            if bufferStart > 0 {
                buffer.removeSubrange(0..<bufferStart)
                bufferStart = 0
            }
            let read = try readChunk()
            if read < 0, errno == EINTR { continue }
            if read <= 0 { return nil }
            buffer.append(contentsOf: chunk[0..<read])
        }
        let bytes = buffer[bufferStart..<bufferStart + count]
        bufferStart += count
        return bytes
    }

    /// The next line of stdout without its newline, or nil at end of file.
    private func readLine() throws -> ArraySlice<UInt8>? {
        var searchFrom = bufferStart
        while true {
            if let newline = buffer[searchFrom...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[bufferStart..<newline]
                bufferStart = newline + 1
                return line
            }
            // Compact, then read more.
            if bufferStart > 0 {
                buffer.removeSubrange(0..<bufferStart)
                bufferStart = 0
            }
            searchFrom = buffer.count
            let count = try readChunk()
            if count < 0, errno == EINTR { continue }
            if count > 0 { buffer.append(contentsOf: chunk[0..<count]) }
            if count <= 0 { return nil }
        }
    }

    /// Reads what node has written into `chunk`, waiting at most `answerTimeout` for it to write
    /// anything; the result of `read` (bytes, 0 at end of file, -1 with errno set).
    private func readChunk() throws -> Int {
        var descriptor = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(answerTimeout * 1e9)
        while true {
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else {
                throw RenderError.noAnswer(seconds: answerTimeout, request: awaited.map(Self.describe) ?? "nothing")
            }
            let ready = poll(&descriptor, 1, Int32(min((deadline - now) / 1_000_000 + 1, UInt64(Int32.max))))
            if ready < 0, errno == EINTR { continue }
            if ready == 0 { continue }  // the deadline check above ends it
            break
        }
        return chunk.withUnsafeMutableBytes { Glibc.read(output, $0.baseAddress, $0.count) }
    }

    /// What a request is about, briefly: the formula or the code block's first line.
    private static func describe(_ request: Request) -> String {
        func excerpt(_ text: String) -> String {
            let line = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            return line.count > 60 ? String(line.prefix(60)) + "…" : line
        }
        switch request {
        case .math(let tex, _): return "the formula `\(excerpt(tex))`"
        case .code(let code, let language): return "a \(language ?? "plain") code block starting `\(excerpt(code))`"
        case .version: return "its start"
        }
    }

    /// The error for an unexpected end of stdout: node has exited (or is about to).
    private func exitError() -> RenderError {
        // A process that closed its stdout but lingers (not node's way, but possible) is stopped
        // after a grace period rather than waited for forever.
        if !exitSeen {
            if exited.wait(timeout: .now() + 2) == .timedOut {
                process.terminate()
                exited.wait()
            }
            exitSeen = true
        }
        waitForStandardErrorToEnd()
        let status = process.terminationStatus
        if status == 3 { return .katexNotFound }
        return .rendererExited(status: status, stderr: stderrTail.text)
    }

    // MARK: - Writing

    /// Writes everything; returns an error description, or nil.
    private static func write(_ bytes: [UInt8], to descriptor: Int32) -> String? {
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                writeDescriptor(descriptor, raw.baseAddress! + done, bytes.count - done)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            done += count
        }
        return nil
    }

    private static func encode(_ request: Request, id: Int, into out: inout [UInt8]) {
        JSONText.appendRaw(#"{"id":"#, to: &out)
        JSONText.appendInteger(id, to: &out)
        switch request {
        case .math(let tex, let display):
            JSONText.appendRaw(display ? #","kind":"math","display":true,"tex":"# : #","kind":"math","display":false,"tex":"#, to: &out)
            JSONText.appendString(tex, to: &out)
        case .code(let code, let language):
            JSONText.appendRaw(#","kind":"code","lang":"#, to: &out)
            JSONText.appendString(language ?? "", to: &out)
            JSONText.appendRaw(#","code":"#, to: &out)
            JSONText.appendString(code, to: &out)
        case .version:
            JSONText.appendRaw(#","kind":"version""#, to: &out)
        }
        JSONText.appendRaw("}\n", to: &out)
    }

    /// Gives a pipe a 1 MiB buffer (Linux's default limit for unprivileged processes) instead of
    /// 64 KiB. KaTeX answers run to tens of megabytes for a large course: with the default, node
    /// blocked on a full pipe several hundred times per 1000 pages, each time until the reading
    /// thread was scheduled again, and spent about a third of a cold build waiting. Best effort:
    /// a smaller limit leaves the default, which is only slower.
    private static func enlarge(_ pipe: Pipe) {
        #if os(Linux)
        let setPipeSize: Int32 = 1031  // F_SETPIPE_SZ (F_LINUX_SPECIFIC_BASE + 7)
        _ = fcntl(pipe.fileHandleForReading.fileDescriptor, setPipeSize, 1 << 20)
        #endif
    }

    /// Writing to a pipe whose reader has exited must give EPIPE, not kill the build. Rather than
    /// ignore SIGPIPE for the whole process (the program's decision, not a library's), the thread
    /// that writes to node blocks it: Linux sends a write's SIGPIPE to the writing thread, where
    /// it stays pending until the thread ends, and the write fails with EPIPE.
    private static func blockSIGPIPE() {
        var blocked = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &blocked, nil)
    }
}

// A file-scope wrapper: inside NodeRenderer, `write` names its own method.
private func writeDescriptor(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, pointer, count)
}

/// The last bytes written to a stream, shared with the thread that drains it.
private final class OutputTail: Sendable {
    private let bytes = Mutex<[UInt8]>([])
    private let limit = 8 * 1024

    func append(_ chunk: ArraySlice<UInt8>) {
        bytes.withLock { bytes in
            bytes += chunk
            if bytes.count > limit { bytes.removeFirst(bytes.count - limit) }
        }
    }

    var text: String {
        String(decoding: bytes.withLock { $0 }, as: UTF8.self).trimmingWhitespacesAndNewlines
    }
}

/// The outcome of the writer thread.
private final class WriteResult: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let error = Mutex<String?>(nil)

    func set(_ error: String?) {
        self.error.withLock { $0 = error }
        done.signal()
    }

    @discardableResult
    func wait() -> String? {
        done.wait()
        return error.withLock { $0 }
    }
}

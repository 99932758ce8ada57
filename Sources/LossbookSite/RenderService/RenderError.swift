/// Why the renderer could not do its job. Formula errors are not thrown: they are
/// `MathResult.failure` values, so that the build can report all of them.
public enum RenderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No node executable was found.
    case nodeNotFound
    /// KaTeX is not installed where the renderer looks for it.
    case katexNotFound
    /// highlight.js is not installed where the renderer looks for it.
    case highlightJSNotFound
    /// `renderer.js` is missing from the module's resource bundle.
    case scriptNotFound
    /// node could not be started.
    case launchFailed(String)
    /// The renderer process ended before answering every request; `stderr` is the end of what it
    /// printed there.
    case rendererExited(status: Int32, stderr: String)
    /// The renderer answered something that does not follow the protocol.
    case protocolViolation(String)
    /// The renderer gave no answer for `seconds` while one was due (it was stopped); `request`
    /// says what it was working on.
    case noAnswer(seconds: Double, request: String)
    /// highlight.js failed on a block (it does not for any language it knows, in practice).
    case highlightFailed(String)

    public var description: String {
        switch self {
        case .nodeNotFound:
            return "node not found: install nodejs (apt-get install nodejs), or set LOSSBOOK_NODE to its path"
        case .katexNotFound:
            return "KaTeX not found: install libjs-katex (apt-get install libjs-katex), or set LOSSBOOK_KATEX to katex.js"
        case .highlightJSNotFound:
            return "highlight.js not found: install node-highlight.js (apt-get install node-highlight.js), or set LOSSBOOK_HIGHLIGHT_JS to its lib/index.js"
        case .scriptNotFound:
            return "renderer.js is neither installed with lossbook (PREFIX/share/lossbook/) nor in the resource bundle beside it"
        case .launchFailed(let message):
            return "could not start node: \(message)"
        case .rendererExited(let status, let stderr):
            let detail = stderr.isEmpty ? "" : ": \(stderr)"
            return "the math and code renderer (node) exited with status \(status)\(detail)"
        case .protocolViolation(let message):
            return "the math and code renderer answered out of protocol: \(message)"
        case .noAnswer(let seconds, let request):
            let limit = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
            return "the math and code renderer (node) gave no answer for \(limit) s and was stopped; it was working on \(request) "
                + "(LOSSBOOK_RENDER_TIMEOUT sets the limit, in seconds)"
        case .highlightFailed(let message):
            return "highlight.js failed: \(message)"
        }
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses SVG text with Foundation's XML parser and records what it saw, so tests can check
/// well-formedness and look at elements without string matching.
final class XMLCheck: NSObject, XMLParserDelegate {
    private(set) var elements: [(name: String, attributes: [String: String])] = []
    private(set) var texts: [String: String] = [:]
    private var stack: [String] = []
    private var currentText = ""

    /// `nil` when the text is well-formed XML; otherwise the parser's error.
    static func parse(_ text: String) -> (check: XMLCheck, error: Error?) {
        let check = XMLCheck()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = check
        let ok = parser.parse()
        return (check, ok ? nil : (parser.parserError ?? NSError(domain: "XMLCheck", code: 1)))
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append((name, attributes))
        stack.append(name)
        currentText = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        currentText += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if texts[name] == nil, !currentText.isEmpty { texts[name] = currentText }
        stack.removeLast()
        currentText = ""
    }

    func elements(named name: String) -> [[String: String]] {
        elements.filter { $0.name == name }.map(\.attributes)
    }
}

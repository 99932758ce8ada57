/// A heading of a page, for its on-page contents.
struct PageHeading: Equatable {
    var level: Int
    var title: String
    var anchor: String
}

/// The anchors a page defines (headings, labels, exercises) and its headings for the on-page contents.
enum AnchorCollector {
    static func anchors(in document: MarkdownDocument) -> Set<String> {
        var collector = Collector()
        collector.walk(document)
        return collector.anchors
    }

    static func headings(in document: MarkdownDocument) -> [PageHeading] {
        var collector = Collector()
        collector.walk(document)
        return collector.headings
    }

    private struct Collector: TreeWalk {
        var anchors: Set<String> = []
        var headings: [PageHeading] = []

        mutating func visit(block: Block) {
            switch block.kind {
            case .heading(let level, let content, let anchor):
                anchors.insert(anchor)
                headings.append(PageHeading(level: level, title: content.plainTextForReaders, anchor: anchor))
            case .displayMath(let math):
                if let label = math.label { anchors.insert(label) }
            case .generated(let generated):
                if let label = generated.label { anchors.insert(label) }
            case .exercise(let exercise):
                anchors.insert("exercise-\(exercise.number)")
            default:
                break
            }
        }
    }
}

extension Array where Element == Inline {
    /// Text for a heading in a list of contents: formulas shown as their TeX without backslashes.
    var plainTextForReaders: String {
        // By bytes: Foundation's `replacingOccurrences` bridged every heading to NSString.
        ByteSearch.replacingAll("\\", with: "", in: plainText)
    }
}

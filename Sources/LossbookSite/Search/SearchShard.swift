import Foundation
import JSONWriting

/// A part of the course's search index, written to `path`.
struct SearchShard {
    var name: String
    var notes: [SourceNote]
    var key: String
    var path: String { "assets/search/\(name).js" }

    /// The shard's script, from its pages' passages.
    func script(sections: [String: [SearchSection]]) -> Data {
        var search = SearchIndex()
        for note in notes {
            search.add(page: RelativePath.encoded(note.outputPath), title: note.frontMatter.title, sections: sections[note.relativePath] ?? [])
        }
        return Data(search.shardBytes(name: name))
    }

    /// The passages of the shard's pages as the last build that made the shard kept them, by
    /// page key (`.lossbook-cache/search/`): a page whose key is unchanged has the same
    /// passages, so an edit parses only the edited page, not its whole part.
    static func cachedSections(of name: String, in cacheDirectory: URL?) -> [String: [SearchSection]] {
        guard let url = cacheDirectory?.appendingPathComponent("search/\(name).json"),
              let data = FileManager.default.contents(atPath: url.path),
              let sections = try? JSONDecoder().decode([String: [SearchSection]].self, from: data) else { return [:] }
        return sections
    }

    /// Keeps the passages of the shard's pages (page key → passages) for the next build.
    /// Written with `JSONText` (JSONEncoder took longer than making the shard itself); read
    /// back with JSONDecoder, which only an incremental build does, for one part.
    static func store(_ sections: [String: [SearchSection]], of name: String, in cacheDirectory: URL?) {
        guard let directory = cacheDirectory?.appendingPathComponent("search") else { return }
        var json: [UInt8] = [UInt8(ascii: "{")]
        for (index, key) in sections.keys.sorted().enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            JSONText.appendString(key, to: &json)
            json.append(contentsOf: ":[".utf8)
            for (number, section) in sections[key, default: []].enumerated() {
                if number > 0 { json.append(UInt8(ascii: ",")) }
                json.append(UInt8(ascii: "{"))
                if let anchor = section.anchor {
                    json.append(contentsOf: #""anchor":"#.utf8)
                    JSONText.appendString(anchor, to: &json)
                    json.append(UInt8(ascii: ","))
                }
                if let heading = section.heading {
                    json.append(contentsOf: #""heading":"#.utf8)
                    JSONText.appendString(heading, to: &json)
                    json.append(UInt8(ascii: ","))
                }
                json.append(contentsOf: #""text":"#.utf8)
                JSONText.appendString(section.text, to: &json)
                json.append(UInt8(ascii: "}"))
            }
            json.append(UInt8(ascii: "]"))
        }
        json.append(UInt8(ascii: "}"))
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? AtomicFile.write(Data(json), to: directory.appendingPathComponent("\(name).json"))
    }
}

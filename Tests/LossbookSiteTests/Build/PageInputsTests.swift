import Foundation
import XCTest
import LossbookTestSupport
@testable import LossbookSite

/// A page's key is derived from what the stages record for it (`PageInputs`): each kind of input
/// must change the key, and the stages must record every kind for every page.
final class PageInputsTests: XCTestCase {
    /// Every kind recorded, half of them as course-wide inputs and half for the page.
    private func inputs(changing changed: PageInputs.Input? = nil, leavingOut missing: PageInputs.Input? = nil) -> (PageInputs, PageInputs) {
        var course = PageInputs(), page = PageInputs()
        for (index, input) in PageInputs.Input.allCases.enumerated() where input != missing {
            let values = input == changed ? ["value", "changed"] : ["value", "same"]
            if index.isMultiple(of: 2) { course.record(input, values) } else { page.record(input, values) }
        }
        return (course, page)
    }

    func testChangingAnyOneInputChangesTheKey() throws {
        let (course, page) = inputs()
        let baseline = try XCTUnwrap(course.key(with: page))
        var seen = [baseline: "baseline"]
        for input in PageInputs.Input.allCases {
            let (changedCourse, changedPage) = inputs(changing: input)
            let key = try XCTUnwrap(changedCourse.key(with: changedPage), "\(input)")
            XCTAssertNil(seen[key], "changing \(input) gives the key of \(seen[key] ?? "")")
            seen[key] = input.rawValue
        }
        XCTAssertEqual(seen.count, PageInputs.Input.allCases.count + 1)
    }

    /// The course's inputs are hashed once for all pages (`keyer()`); each page's key must be the
    /// one it would have alone, and differ from page to page.
    /// A page's key is the digest of its fields in order (kind, count, values), whether they are
    /// hashed as a list or one by one; a kind recorded empty differs from one never recorded.
    func testAPageKeyIsTheDigestOfItsFieldsInOrder() throws {
        let (course, page) = inputs()
        let keyer = course.keyer()
        var fields = ["page inputs 2", keyer.courseDigest]
        for input in PageInputs.Input.allCases {
            // The page's recorded values, read through its (private) storage.
            let values: [String]? = page.kinds.contains(input) ? Mirror(reflecting: page).children.compactMap { $0.value as? [PageInputs.Input: [String]] }.first?[input] : nil
            fields += [input.rawValue, values.map { String($0.count) } ?? "-"] + (values ?? [])
        }
        XCTAssertEqual(keyer.key(with: page), FNV1a128.hex(of: fields))
    }

    func testOneKeyerGivesEveryPageItsOwnKey() throws {
        let (course, page) = inputs()
        let keyer = course.keyer()
        var pages: [PageInputs] = []
        for index in 0..<5 {
            var other = page
            other.record(.note, ["page \(index)"])
            pages.append(other)
        }
        let keys = pages.map { keyer.key(with: $0) }
        XCTAssertEqual(keys, pages.map { course.key(with: $0) })
        XCTAssertEqual(Set(keys.compactMap { $0 }).count, pages.count)
        // A course input recorded after the keyer was made is not in its keys: a new keyer is.
        var changed = course
        changed.record(.labels, ["eq:new"])
        XCTAssertNotEqual(changed.keyer().key(with: page), keyer.key(with: page))
    }

    func testAPageWithAnyKindOfInputUnrecordedHasNoKey() {
        for input in PageInputs.Input.allCases {
            let (course, page) = inputs(leavingOut: input)
            XCTAssertNil(course.key(with: page), "a page that never recorded \(input) must not be reused")
        }
    }

    func testTheSameValueUnderAnotherKindOrSplitDifferentlyIsAnotherKey() throws {
        let (course, page) = inputs()
        var moved = course, split = course
        moved.record(.macros, ["x"])
        var other = course
        other.record(.templates, ["x"])
        XCTAssertNotEqual(try XCTUnwrap(moved.key(with: page)), try XCTUnwrap(other.key(with: page)))
        split.record(.macros, ["x", "y"])
        var joined = course
        joined.record(.macros, ["xy"])
        XCTAssertNotEqual(try XCTUnwrap(split.key(with: page)), try XCTUnwrap(joined.key(with: page)))
    }

    /// Each option a build takes either reaches pages through a kind of input, or is named here
    /// as reaching none: a new option must be placed before this test passes.
    func testEveryBuildOptionIsAPageInputOrNamedAsNone() {
        let reaches: [String: PageInputs.Input?] = [
            "contentDirectory": .note, "templatesDirectory": .templates, "themeDirectory": .templates,
            "contentDisplayPath": .note, "includeDrafts": .outline, "renderers": .renderer, "address": .address,
            "mathDelimiters": .mathDelimiters, "course": .course, "macrosFile": .macros,
            // Where the build writes, how it reports, and what it refuses: not what a page shows.
            "outputDirectory": nil, "cacheDirectory": nil, "templatesDisplayPath": nil, "strict": nil,
            "progress": nil, "projectDirectory": nil, "leavesStateToExit": nil,
        ]
        let options = BuildOptions(contentDirectory: URL(fileURLWithPath: "/c"), templatesDirectory: URL(fileURLWithPath: "/t"),
                                   outputDirectory: URL(fileURLWithPath: "/o"), cacheDirectory: nil)
        let names = Mirror(reflecting: options).children.compactMap(\.label)
        XCTAssertFalse(names.isEmpty)
        for name in names {
            XCTAssertTrue(reaches.keys.contains(name), "BuildOptions.\(name) is new: record it as a page input (PageInputs) or name it here as none")
        }
    }

    /// The stages themselves record every kind of input for every page of a real course.
    func testTheStagesRecordEveryKindForEveryPage() throws {
        let project = try TestProject(files: [
            "content/index.md": "---\ntitle: Home\n---\nWelcome, see [the first](1-part/first.md#start).\n",
            "content/1-part/index.md": "---\ntitle: Part\n---\nThe part.\n",
            "content/1-part/first.md": "---\ntitle: First\n---\n## Start\n\nSee @eq-one.\n\n$$\na = b\n$$ {#eq-one}\n",
        ])
        defer { project.remove() }
        let options = BuildOptions(contentDirectory: project.root.appendingPathComponent("content"),
                                   templatesDirectory: project.root.appendingPathComponent("templates"),
                                   outputDirectory: project.root.appendingPathComponent("site"), cacheDirectory: nil)
        var context = BuildContext(options: options, writer: nil)
        defer { context.close(committed: false) }
        for stage in [LoadStage(), ParseStage(), LinkStage(), PageKeyStage()] as [any BuildStage] {
            try stage.run(&context)
        }
        XCTAssertEqual(context.notes.count, 3)
        for note in context.notes {
            let kinds = context.courseInputs.kinds.union(context.pageInputs[note.relativePath]?.kinds ?? [])
            XCTAssertEqual(kinds, Set(PageInputs.Input.allCases), note.relativePath)
            XCTAssertNotNil(context.pageKeys[note.relativePath], note.relativePath)
        }
        XCTAssertEqual(Set(context.pageKeys.values).count, 3, "each page has its own key")
    }
}

import Foundation
import LossbookTestSupport
import XCTest

/// The promise that makes incremental builds safe: after any edit, a build that reuses the last
/// build's caches and output gives the same site, byte for byte, as a build from nothing, and the
/// same diagnostics; a build that fails leaves the last site as it was.
///
/// A seeded schedule of random edits (prose, a label moved to another note, a note deleted, a
/// chapter added, a template, a macro, the runnable Swift block, the parameters of each kind of
/// directive, and content made invalid for one build) is applied to a course that has all of
/// them. Each step builds the project incrementally, then a copy of the same files in a new folder
/// with a new cache. The projects live in the temporary folder, outside any git repository, so
/// the footers carry no dates.
///
/// `LOSSBOOK_EDIT_SEED` picks another schedule; `LOSSBOOK_EDIT_STEPS` makes it longer (each step
/// costs one fresh build, which compiles the runnable block again: a few seconds).
final class IncrementalEditPropertyTests: XCTestCase {
    func testEveryIncrementalBuildEqualsAFreshBuildAcrossRandomEdits() throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["LOSSBOOK_EDIT_SEED"].flatMap { UInt64($0) } ?? 20_261_207
        let extraSteps = environment["LOSSBOOK_EDIT_STEPS"].flatMap { Int($0) } ?? 3
        var random = SeededRandom(seed: seed)
        let schedule = Self.schedule(extraSteps: extraSteps, random: &random)

        let templates = try Self.repositoryTemplates()
        var course = EditableCourse.fixture()
        let project = try TestProject(files: [:])
        defer { project.remove() }
        var written: [String: String] = [:]
        var previousFailed = false

        for (number, step) in ([Step.start] + schedule).enumerated() {
            var files = course.files(templates: templates)
            var description: String
            var expectFailure = false
            switch step {
            case .start:
                description = "first build"
            case .edit(let edit):
                description = course.apply(edit, &random)
                files = course.files(templates: templates)
            case .break(let breakage):
                (files, description) = course.broken(breakage, files: files, &random)
                expectFailure = true
            }
            let context = "seed \(seed), step \(number) (\(description)\(previousFailed ? ", after a failed build" : ""))"
            try Self.sync(project, from: written, to: files)
            written = files

            let started = Date()
            let siteBefore = DirectorySnapshot.take(project.root.appendingPathComponent("site"))
            let incremental = try project.run(["build"])
            let fresh = try Self.freshBuild(of: files)
            defer { fresh.project.remove() }

            var problems: [String] = []
            if incremental.status != fresh.run.status {
                problems.append("exit status \(incremental.status), fresh \(fresh.run.status)")
            }
            if incremental.stderr != fresh.run.stderr {
                problems.append("diagnostics differ:\n--- incremental\n\(incremental.stderr)--- fresh\n\(fresh.run.stderr)")
            }
            if incremental.status != (expectFailure ? 1 : 0) {
                problems.append("the model's course should \(expectFailure ? "fail" : "build"):\n\(incremental.stderr)")
            }
            let site = DirectorySnapshot.take(project.root.appendingPathComponent("site"))
            if incremental.status == 0 {
                let differences = DirectorySnapshot.differences(site, fresh.site)
                if site.isEmpty || !differences.isEmpty {
                    problems.append("the incremental site differs from a fresh build: \(differences)")
                }
            } else {
                let changed = DirectorySnapshot.differences(siteBefore, site)
                if !changed.isEmpty { problems.append("a failed build changed the site: \(changed)") }
                if !fresh.site.isEmpty { problems.append("a failed fresh build wrote a site") }
            }
            if !problems.isEmpty {
                // One failure explains the rest: stop, with the seed to replay it.
                XCTFail("\(context): \(problems.joined(separator: "; "))\nreplay with LOSSBOOK_EDIT_SEED=\(seed)")
                return
            }
            previousFailed = incremental.status != 0
            print("step \(number): \(description), \(incremental.status == 0 ? "built" : "failed as expected") in "
                  + String(format: "%.1f s", Date().timeIntervalSince(started)))
        }
    }

    enum Step {
        case start
        case edit(EditableCourse.Edit)
        case `break`(EditableCourse.Breakage)
    }

    /// Every kind of edit once, a compile error in the runnable block, one more breakage, in a
    /// seeded order; then `extraSteps` random edits and breakages that leave the runnable block
    /// alone (each change to it costs a compile in both builds).
    static func schedule(extraSteps: Int, random: inout SeededRandom) -> [Step] {
        var steps: [Step] = EditableCourse.Edit.allCases.map { .edit($0) }
        let breakages = EditableCourse.Breakage.allCases.filter { $0 != .runnableCompileError }
        steps.append(.break(.runnableCompileError))
        steps.append(.break(breakages[random.below(breakages.count)]))
        steps.shuffle(using: &random)
        let common = EditableCourse.Edit.allCases.filter { $0 != .runnable }
        for _ in 0..<extraSteps {
            steps.append(random.below(6) == 0 ? .break(breakages[random.below(breakages.count)]) : .edit(common[random.below(common.count)]))
        }
        return steps
    }

    /// The repository's templates, which the course's template edits start from.
    static func repositoryTemplates() throws -> [String: String] {
        let folder = TestProject.repositoryRoot.appendingPathComponent("templates")
        var templates: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".mustache") {
            templates[name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        return templates
    }

    /// Writes what changed and deletes what is gone, as an editor would: unchanged files keep
    /// their modification times.
    static func sync(_ project: TestProject, from old: [String: String], to new: [String: String]) throws {
        for (path, text) in new where old[path] != text {
            try project.write(path, text)
        }
        for path in old.keys where new[path] == nil {
            try FileManager.default.removeItem(at: project.root.appendingPathComponent(path))
            // A part whose notes are all gone leaves no empty folder behind.
            let folder = project.root.appendingPathComponent(path).deletingLastPathComponent()
            if (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
                try FileManager.default.removeItem(at: folder)
            }
        }
    }

    /// The same files built in a new folder with a new cache: a build from nothing.
    static func freshBuild(of files: [String: String]) throws -> (project: TestProject, run: TestProject.Run, site: [String: Data]) {
        // The repository's templates (and their assets), then the edited ones over them.
        let project = try TestProject(files: files)
        let run = try project.run(["build"])
        return (project, run, DirectorySnapshot.take(project.root.appendingPathComponent("site")))
    }
}

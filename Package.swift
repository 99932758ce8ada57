// swift-tools-version:6.0
import PackageDescription

// Linux only: the generator calls Glibc directly (stat's st_mtim, opendir, inotify in the preview
// server) and looks for node, KaTeX and highlight.js where Debian installs them. SwiftPM has no
// way to declare "Linux only", so no Apple platform is declared: the earlier `.macOS(.v13)` was
// a promise the code did not keep. See README, "Platforms".
let package = Package(
    name: "lossbook",
    products: [
        .library(name: "LossEngine", targets: ["LossEngine"]),
        .library(name: "LossEngineEval", targets: ["LossEngineEval"]),
        .library(name: "LossPlot", targets: ["LossPlot"]),
        .library(name: "LossbookSite", targets: ["LossbookSite"]),
        .executable(name: "lossbook", targets: ["lossbook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // Pure Swift math: losses, gradients, distributions, the training kit. Foundation only.
        .target(name: "LossEngine"),
        // The engine from the shell: `lossbook eval`'s JSON-lines protocol and human form
        // (eval-protocol.md). Kept out of LossEngine, which stays pure math.
        .target(name: "LossEngineEval", dependencies: ["LossEngine", "JSONWriting"]),
        // The one JSON writer (renderer protocol, search index, eval answers).
        .target(name: "JSONWriting"),
        // The one escaper for HTML and SVG text (figures, pages, templates).
        .target(name: "MarkupEscaping"),
        // SVG figures from numbers. Knows nothing of losses or Markdown.
        .target(name: "LossPlot", dependencies: ["MarkupEscaping"]),
        // The Debian cmark-gfm C library; only MarkdownParser.swift in LossbookSite touches it.
        .systemLibrary(
            name: "CMarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // Starts runnable Swift blocks in a process group that dies with lossbook (fork, setpgid,
        // prctl: C, because code between fork and exec must be async-signal-safe).
        .target(name: "CProcessGroup"),
        // The generator as a library: load → parse → expand directives → render math → template → write.
        .target(
            name: "LossbookSite",
            dependencies: [
                "CMarkGFM", "CProcessGroup", "JSONWriting", "LossEngine", "LossPlot", "MarkupEscaping",
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Resources/renderer.js")]
        ),
        // `lossbook serve`: the built site over HTTP on loopback, a file watcher, live reload.
        // Its own module so that the generator library never links an HTTP server.
        .target(
            name: "LossbookServe",
            dependencies: ["LossbookSite", .product(name: "FlyingFox", package: "FlyingFox")]
        ),
        // The thin command line.
        .executableTarget(
            name: "lossbook",
            dependencies: [
                "LossbookSite", "LossEngine", "LossEngineEval", "LossbookServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers shared by the test targets: temporary projects, running the CLI, comparing trees.
        .target(name: "LossbookTestSupport", path: "Tests/Support"),
        .testTarget(name: "LossEngineTests", dependencies: ["LossEngine", "LossEngineEval"]),
        // Benchmark of the engine against numpy; run with Benchmarks/engine/run.sh.
        .executableTarget(name: "engine-bench", dependencies: ["LossEngine"], path: "Benchmarks/engine",
                          exclude: ["run.sh", "compare.py", "mpmath_extremes.py"]),
        // The course's experiments timed one by one; see Benchmarks/experiments/main.swift.
        .executableTarget(name: "experiments-bench", dependencies: ["LossEngine"], path: "Benchmarks/experiments"),
        .testTarget(name: "LossPlotTests", dependencies: ["LossPlot"], exclude: ["Snapshots"]),
        .testTarget(
            name: "LossbookSiteTests",
            dependencies: ["JSONWriting", "LossbookSite", "LossEngine", "LossPlot", "MarkupEscaping", "LossbookTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "LossbookCLITests",
            dependencies: ["lossbook", "LossbookServe", "LossbookSite", "LossbookTestSupport"],
            exclude: ["Browser"]
        ),
    ]
)

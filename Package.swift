// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "workbook",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "workbook", targets: ["WorkbookCLI"]),
        .executable(name: "workbook-serve", targets: ["WorkbookServeCLI"]),
        .library(name: "Workbook", targets: ["Workbook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // libcmark's memory: a bump allocator per thread (C, for thread-local storage).
        .target(name: "CmarkArena"),
        .target(
            name: "WorkbookMarkdown",
            dependencies: ["CCmark", "CmarkArena"]
        ),
        .target(
            name: "Workbook",
            dependencies: [
                "WorkbookMarkdown",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "WorkbookServe",
            dependencies: [
                "Workbook",
                "WorkbookMarkdown",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        // What the commands share: options, messages, the theme beside the binary.
        .target(
            name: "WorkbookTerminal",
            dependencies: [
                "Workbook",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "WorkbookCLI",
            dependencies: [
                "Workbook",
                "WorkbookMarkdown",
                "WorkbookTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // mimalloc (apt libmimalloc-dev) replaces glibc's malloc in the whole
            // process, libcmark and the Swift runtime included: a build makes
            // millions of small allocations (README, Performance).
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        // `workbook-serve`: the preview server, which `workbook serve` becomes.
        .executableTarget(
            name: "WorkbookServeCLI",
            dependencies: [
                "Workbook",
                "WorkbookMarkdown",
                "WorkbookServe",
                "WorkbookTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        // libFuzzer targets: `make fuzz` builds them with -DFUZZING -sanitize=fuzzer,address
        // (a plain build compiles a stub main instead).
        .target(name: "FuzzSupport", path: "Fuzz/FuzzSupport"),
        .executableTarget(name: "FuzzDirectives", dependencies: ["Workbook", "FuzzSupport"], path: "Fuzz/FuzzDirectives"),
        .executableTarget(name: "FuzzFrontMatter", dependencies: ["Workbook", "FuzzSupport"], path: "Fuzz/FuzzFrontMatter"),
        .executableTarget(name: "FuzzChapter", dependencies: ["Workbook", "FuzzSupport"], path: "Fuzz/FuzzChapter"),
        .testTarget(
            name: "WorkbookMarkdownTests",
            dependencies: ["WorkbookMarkdown", "CmarkArena"]
        ),
        .testTarget(
            name: "WorkbookTests",
            dependencies: ["Workbook"]
        ),
        .testTarget(
            name: "WorkbookServeTests",
            dependencies: ["Workbook", "WorkbookMarkdown", "WorkbookServe"]
        ),
        .testTarget(
            name: "WorkbookCLITests",
            dependencies: ["Workbook", "WorkbookCLI", "WorkbookTerminal"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

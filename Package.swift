// swift-tools-version:6.0
import PackageDescription

// Dependencies point one way: CLibPQ <- Postgres <- PetitionsStore <- PetitionsApp <- PetitionsOptions <- {PetitionsCLI,
// PetitionsServe, PetitionsWorker} <- executables. The three front ends sit side by side and none imports another; only the
// `petitions` executable sees both the CLI and serve. PetitionsDomain (pure Swift, no I/O) is at the bottom, with
// PetitionsReports, PetitionsExtraction and PetitionsSources (pure) above it, and LocalPostgres (the embedded cluster) under the app.
let package = Package(
    name: "petitions",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "petitions", targets: ["petitions"]),
        .executable(name: "petitions-worker", targets: ["petitions-worker"]),
        .executable(name: "petitions-bench", targets: ["petitions-bench"]),
        .library(name: "Postgres", targets: ["Postgres"]),
        .library(name: "PetitionsDomain", targets: ["PetitionsDomain"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.25.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        // The only importer of CLibPQ.
        .target(
            name: "Postgres",
            dependencies: ["CLibPQ", .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "PetitionsDomain"),
        .target(
            name: "LocalPostgres",
            dependencies: ["Postgres", .product(name: "Logging", package: "swift-log")]
        ),
        .executableTarget(name: "SchemaEmbedder"),
        .plugin(
            name: "SchemaEmbedPlugin",
            capability: .buildTool(),
            dependencies: ["SchemaEmbedder"],
            path: "Sources/SchemaEmbedPlugin"
        ),
        .target(
            name: "PetitionsStore",
            dependencies: [
                "Postgres", "PetitionsDomain", "PetitionsSources",
                .product(name: "Logging", package: "swift-log"),
                // MD5 for signatory fingerprints (the same digest SQL's md5() gives).
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            plugins: ["SchemaEmbedPlugin"]
        ),
        // Figures found in article text, in nine languages; pure, no I/O.
        .target(name: "PetitionsExtraction", dependencies: ["PetitionsDomain"]),
        // Charts (SVG) and reports (HTML through a Mustache template, Markdown); pure, no I/O.
        .target(
            name: "PetitionsReports",
            dependencies: ["PetitionsDomain", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // What the CLI, the worker and the web service share: the database choice and the
        // migrate-or-refuse rule, exit statuses, figures from extracted text, a campaign's report and
        // trend assembled from the store, and their JSON, CSV and table renderings. No argument parsing, no HTTP.
        .target(
            name: "PetitionsApp",
            dependencies: [
                "PetitionsStore", "PetitionsDomain", "PetitionsReports", "PetitionsSources", "PetitionsExtraction", "Postgres", "LocalPostgres",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The options every executable takes and the entry point that maps errors to exit statuses:
        // ArgumentParser's spelling of PetitionsApp's rules.
        .target(
            name: "PetitionsOptions",
            dependencies: [
                "PetitionsApp", "PetitionsStore", "PetitionsDomain", "Postgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `petitions serve`: the read-only web service (pages and the JSON API) over the store, and its command.
        .target(
            name: "PetitionsServe",
            dependencies: [
                "PetitionsApp", "PetitionsOptions", "PetitionsStore", "PetitionsReports", "PetitionsDomain", "PetitionsSources", "Postgres", "LoopbackHTTP",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The admin commands (all but serve).
        .target(
            name: "PetitionsCLI",
            dependencies: [
                "PetitionsApp", "PetitionsOptions", "PetitionsStore", "PetitionsDomain", "PetitionsReports", "PetitionsExtraction", "PetitionsSources",
                "Postgres", "LocalPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "petitions",
            dependencies: ["PetitionsCLI", "PetitionsServe", "PetitionsOptions", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // What the worker fetches and how it schedules: sources, JSON Pointer, UK Parliament petitions,
        // RSS/Atom feeds, due times and backoff. Pure, no I/O.
        .target(name: "PetitionsSources", dependencies: ["PetitionsDomain"]),
        // A small HTTP/1.1 server on 127.0.0.1 (the worker's /healthz and /metrics; test fixtures).
        .target(
            name: "LoopbackHTTP",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // The worker: job queue runner, fetching, recording, status endpoint, service lifecycle.
        .target(
            name: "PetitionsWorker",
            dependencies: [
                "PetitionsApp", "PetitionsOptions", "PetitionsStore", "PetitionsSources", "PetitionsExtraction", "PetitionsDomain", "Postgres", "LoopbackHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(name: "petitions-worker", dependencies: ["PetitionsWorker", "PetitionsOptions"]),
        // Measurements against a reference run in the same process (see README, "Benchmarks").
        .executableTarget(
            name: "petitions-bench",
            dependencies: [
                "PetitionsStore", "PetitionsDomain", "PetitionsExtraction", "PetitionsApp", "PetitionsServe", "Postgres", "LocalPostgres", "LoopbackHTTP",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        // Starts (once per test process) a throwaway cluster and hands each test its own database.
        .target(
            name: "TestSupport",
            dependencies: ["Postgres", "LocalPostgres", "LoopbackHTTP", .product(name: "NIOConcurrencyHelpers", package: "swift-nio")]
        ),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "LocalPostgres", "TestSupport"]),
        .testTarget(name: "PetitionsDomainTests", dependencies: ["PetitionsDomain"]),
        .testTarget(name: "PetitionsSourcesTests", dependencies: ["PetitionsSources", "PetitionsDomain"]),
        .testTarget(
            name: "PetitionsWorkerTests",
            dependencies: [
                "PetitionsWorker", "PetitionsStore", "PetitionsSources", "PetitionsDomain", "Postgres", "LocalPostgres", "LoopbackHTTP", "TestSupport",
            ]
        ),
        .testTarget(name: "PetitionsExtractionTests", dependencies: ["PetitionsExtraction", "PetitionsDomain"], resources: [.copy("Resources")]),
        .testTarget(name: "PetitionsReportsTests", dependencies: ["PetitionsReports", "PetitionsDomain", "TestSupport"]),
        .testTarget(
            name: "PetitionsStoreTests",
            dependencies: ["PetitionsStore", "Postgres", "LocalPostgres", "PetitionsDomain", "TestSupport"]
        ),
        .testTarget(
            name: "PetitionsServeTests",
            dependencies: [
                "PetitionsServe", "PetitionsStore", "PetitionsDomain", "PetitionsSources", "Postgres", "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "PetitionsCLITests",
            dependencies: ["petitions", "PetitionsCLI", "PetitionsApp", "PetitionsStore", "PetitionsDomain", "Postgres", "LocalPostgres", "TestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Strict settings on every target of ours, as hummingbird and the swift-server packages set them:
// `any` spelled out for existentials, members visible only through modules a file imports, and
// any warning an error (the code builds with none; dependencies are not affected).
for target in package.targets where ![.system, .binary, .plugin].contains(target.type) {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .enableUpcomingFeature("ExistentialAny"),
            .enableUpcomingFeature("MemberImportVisibility"),
            .unsafeFlags(["-warnings-as-errors"]),
        ]
}

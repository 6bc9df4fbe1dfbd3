// swift-tools-version:6.0
import PackageDescription

// Dependencies point one way: CLibPQ <- Postgres <- PetitionsStore <- PetitionsCLI <- executables,
// with PetitionsDomain (pure Swift, no I/O) at the bottom, PetitionsReports (charts and documents, pure) above it,
// and LocalPostgres (the embedded cluster) beside the store.
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
                "Postgres", "PetitionsDomain", "LocalPostgres",
                .product(name: "Logging", package: "swift-log"),
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
        .target(
            name: "PetitionsCLI",
            dependencies: [
                "PetitionsStore", "PetitionsDomain", "PetitionsReports", "PetitionsExtraction", "Postgres", "LocalPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "petitions", dependencies: ["PetitionsCLI"]),
        .executableTarget(name: "petitions-worker", dependencies: ["PetitionsCLI"]),
        // Measurements against a reference run in the same process (see README, "Benchmarks").
        .executableTarget(name: "petitions-bench", dependencies: ["PetitionsStore", "PetitionsDomain", "PetitionsExtraction", "Postgres", "LocalPostgres"]),
        // Starts (once per test process) a throwaway cluster and hands each test its own database.
        .target(name: "TestSupport", dependencies: ["Postgres", "LocalPostgres"]),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "LocalPostgres", "TestSupport"]),
        .testTarget(name: "PetitionsDomainTests", dependencies: ["PetitionsDomain"]),
        .testTarget(name: "PetitionsExtractionTests", dependencies: ["PetitionsExtraction", "PetitionsDomain"], resources: [.copy("Resources")]),
        .testTarget(name: "PetitionsReportsTests", dependencies: ["PetitionsReports", "PetitionsDomain", "TestSupport"]),
        .testTarget(
            name: "PetitionsStoreTests",
            dependencies: ["PetitionsStore", "Postgres", "LocalPostgres", "PetitionsDomain", "TestSupport"]
        ),
        .testTarget(
            name: "PetitionsCLITests",
            dependencies: ["PetitionsCLI", "PetitionsStore", "PetitionsDomain", "Postgres", "LocalPostgres", "TestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

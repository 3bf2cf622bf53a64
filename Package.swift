// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "rapport",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "rapport", targets: ["RapportServer"])
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        // AES-GCM for data at rest (Shared/DataKeys); Vapor uses it too.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        // Markdown for content pages and articles (Content/Markdown), and their YAML front matter.
        .package(url: "https://github.com/JohnSundell/Ink.git", from: "0.6.0"),
        .package(url: "https://github.com/jpsim/Yams.git", "5.0.1"..<"7.0.0"),
    ],
    targets: [
        .target(
            name: "Rapport",
            dependencies: [
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Ink", package: "Ink"),
                .product(name: "Yams", package: "Yams"),
                .target(name: "CRapportMemory"),
            ],
            swiftSettings: swiftSettings
        ),
        // One C function Swift cannot reach directly (see its source).
        .target(name: "CRapportMemory"),
        .executableTarget(
            name: "RapportServer",
            dependencies: [.target(name: "Rapport")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RapportTests",
            dependencies: [
                .target(name: "Rapport"),
                .target(name: "CRapportMemory"),
                .product(name: "VaporTesting", package: "vapor"),
                // DummyDatabase: a Fluent database that speaks no SQL, for the guards that must refuse it.
                .product(name: "XCTFluent", package: "fluent-kit"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)

var swiftSettings: [SwiftSetting] {
    [.enableUpcomingFeature("ExistentialAny")]
}

// swift-tools-version:6.0
import PackageDescription

// One settings array for every target (architecture.md §2).
let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "confemu",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "confemu", targets: ["confemu"]),
        .executable(name: "confemu-bench", targets: ["ConfemuBenchmark"]),
        .library(name: "ConfemuTesting", targets: ["ConfemuTesting"]),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CEpoll"),

        .target(name: "ConfemuSupport", swiftSettings: settings),
        .target(name: "ConfemuCrypto", dependencies: ["ConfemuSupport"], swiftSettings: settings),
        .target(name: "ConfemuFormats", dependencies: ["ConfemuSupport"], swiftSettings: settings),
        .target(name: "ConfemuHTTP", dependencies: ["ConfemuSupport", "ConfemuFormats", "CEpoll"],
                swiftSettings: settings),
        .target(name: "ConfemuStorage", dependencies: ["ConfemuSupport", "CSQLite"], swiftSettings: settings),
        .target(name: "ConfemuEngine",
                dependencies: ["ConfemuSupport", "ConfemuCrypto", "ConfemuFormats", "ConfemuHTTP", "ConfemuStorage"],
                swiftSettings: settings),

        .target(name: "ProviderBBB", dependencies: providerDependencies, swiftSettings: settings),
        .target(name: "ProviderJitsiAdmin", dependencies: providerDependencies, swiftSettings: settings),
        .target(name: "ProviderVidesk", dependencies: providerDependencies, swiftSettings: settings),
        .target(name: "ProviderProConf", dependencies: providerDependencies, swiftSettings: settings),

        .target(name: "ConfemuControlPlane",
                dependencies: ["ConfemuEngine", "ConfemuHTTP", "ConfemuStorage", "ConfemuFormats",
                               "ConfemuCrypto", "ConfemuSupport"],
                swiftSettings: settings),
        .target(name: "ConfemuApp",
                dependencies: ["ConfemuControlPlane", "ConfemuEngine", "ConfemuHTTP", "ConfemuStorage",
                               "ConfemuFormats", "ConfemuCrypto", "ConfemuSupport",
                               "ProviderBBB", "ProviderJitsiAdmin", "ProviderVidesk", "ProviderProConf"],
                swiftSettings: settings),
        .executableTarget(name: "confemu", dependencies: ["ConfemuApp"], swiftSettings: settings),
        .executableTarget(name: "ConfemuBenchmark",
                          dependencies: ["ConfemuTesting", "ConfemuHTTP", "ConfemuSupport"],
                          swiftSettings: settings),
        .target(name: "ConfemuTesting",
                dependencies: ["ConfemuApp", "ConfemuHTTP", "ConfemuFormats", "ConfemuSupport"],
                swiftSettings: settings),

        .testTarget(name: "ConfemuSupportTests", dependencies: ["ConfemuSupport"], swiftSettings: settings),
        .testTarget(name: "ConfemuCryptoTests", dependencies: ["ConfemuCrypto", "ConfemuSupport"],
                    swiftSettings: settings),
        .testTarget(name: "ConfemuFormatsTests", dependencies: ["ConfemuFormats", "ConfemuSupport"],
                    swiftSettings: settings),
        .testTarget(name: "ConfemuHTTPTests", dependencies: ["ConfemuHTTP", "ConfemuFormats", "ConfemuSupport"],
                    swiftSettings: settings),
        .testTarget(name: "ConfemuStorageTests", dependencies: ["ConfemuStorage", "ConfemuSupport"],
                    swiftSettings: settings),
        .testTarget(name: "ConfemuEngineTests", dependencies: testDependencies, swiftSettings: settings),
        .testTarget(name: "ConfemuControlPlaneTests", dependencies: testDependencies, swiftSettings: settings),
        .testTarget(name: "ProviderBBBTests", dependencies: ["ProviderBBB"] + testDependencies,
                    swiftSettings: settings),
        .testTarget(name: "ProviderJitsiAdminTests", dependencies: ["ProviderJitsiAdmin"] + testDependencies,
                    swiftSettings: settings),
        .testTarget(name: "ProviderVideskTests", dependencies: ["ProviderVidesk"] + testDependencies,
                    swiftSettings: settings),
        .testTarget(name: "ProviderProConfTests", dependencies: ["ProviderProConf"] + testDependencies,
                    swiftSettings: settings),
        .testTarget(name: "EndToEndTests", dependencies: testDependencies, swiftSettings: settings),
    ]
)

var providerDependencies: [Target.Dependency] {
    ["ConfemuEngine", "ConfemuHTTP", "ConfemuStorage", "ConfemuFormats", "ConfemuCrypto", "ConfemuSupport"]
}

var testDependencies: [Target.Dependency] {
    ["ConfemuTesting", "ConfemuApp", "ConfemuControlPlane", "ConfemuEngine", "ConfemuHTTP", "ConfemuStorage",
     "ConfemuFormats", "ConfemuCrypto", "ConfemuSupport"]
}

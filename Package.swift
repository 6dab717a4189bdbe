// swift-tools-version:6.0
import PackageDescription

#if arch(x86_64)
let backpropKernels: [Target.Dependency] = ["CPUFeatures", "BackpropHaswell"]
#else
let backpropKernels: [Target.Dependency] = ["CPUFeatures"]
#endif

let package = Package(
    name: "XORBackprop",
    products: [
        .executable(name: "report", targets: ["report"]),
        .library(name: "Backprop", targets: ["Backprop"]),
        .library(name: "Plotting", targets: ["Plotting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: - Numeric core

        // Optimised in debug builds too: the tests train hundreds of networks in-process, and its generic SIMD
        // code (Elementary) runs about 60 times slower unspecialised. A debug build compiles file by file, so
        // the generic functions other files call carry `@_specialize` under `#if DEBUG`; a release build
        // optimises the whole module and inlines them.
        .target(name: "Backprop", dependencies: backpropKernels, swiftSettings: [.unsafeFlags(["-O"])]),

        // Which of SeedLanes' compiled copies this processor runs (cpuid).
        .target(name: "CPUFeatures"),

        // `map` on every core: the animation's frames and the sweeps' seeds, neither of which owns it.
        .target(name: "Parallel"),

        // MARK: - Rendering

        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]
        ),
        // No pkgConfig: its -ldeflate would link the shared library; the module map names the archive.
        .systemLibrary(name: "CDeflate", providers: [.apt(["libdeflate-dev"])]),
        .target(name: "Plotting", dependencies: ["CCairo", "CDeflate", "Parallel"]),

        // MARK: - Command-line tool

        // The signal handler that removes staged files: C, so that it is async-signal-safe.
        .target(name: "CSignals"),

        // The pipeline: typed settings, the three experiments, their charts and files, errors and statuses.
        .target(
            name: "ReportKit",
            dependencies: [
                "Backprop",
                "Plotting",
                "Parallel",
                "CSignals",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // The command line: flags parsed into ReportKit's settings, and one error-to-exit-status mapping.
        .executableTarget(
            name: "report",
            dependencies: [
                "ReportKit",
                "Backprop",
                "Plotting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Benchmark (scripts/bench; not part of what users run)

        .executableTarget(
            name: "benchmark-training",
            dependencies: ["Backprop", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // exp, log and tanh against long double over 10^8 inputs (scripts/elementary/accuracy; not part of what users run).
        .executableTarget(name: "elementary-accuracy", dependencies: ["Backprop", "Parallel"]),

        // MARK: - Tests

        .testTarget(name: "BackpropTests", dependencies: ["Backprop"], resources: [.copy("Fixtures")]),
        // APNG's fixtures are read by path (#filePath), beside the committed output/ they are made from.
        .testTarget(name: "PlottingTests", dependencies: ["Plotting"], exclude: ["APNG", "Pillow"],
                    resources: [.copy("Golden"), .copy("Comparison")]),
        .testTarget(name: "ReportTests", dependencies: ["ReportKit", "Backprop", "Plotting", "Parallel"]),
    ]
)

// SeedLanes (a sweep's networks four to a vector) compiled a second time, for processors with AVX2, where four
// doubles are one register: the same source files (symbolic links into Backprop), the same operations, so the
// same bits; only the instructions differ. No fused multiply-add: Swift never contracts a product and a sum.
// Backprop calls it when CPUFeatures finds the instructions. The module must leave nothing the linker could
// share with the portable code (scripts/check-haswell-symbols).
#if arch(x86_64)
package.targets.append(.target(name: "BackpropHaswell", swiftSettings: [.unsafeFlags(["-O", "-target-cpu", "haswell"])]))
#endif

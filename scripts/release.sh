# How every script builds the release `report`, sourced by scripts/report, test, regenerate and bench,
# so that all of them share one build.
#
# The Swift runtime is linked statically (about 4 ms less loader time per report, and a binary that
# runs on a machine without Swift). No debug information is generated and the symbol table is
# stripped: 28 MB -> 15 MB, and a cold build about 4 s shorter. A crash backtrace then shows
# addresses; to profile by function name, build without `-Xswiftc -gnone -Xlinker --strip-all`.
RELEASE_BUILD_FLAGS=(-c release --static-swift-stdlib -Xswiftc -gnone -Xlinker --strip-all)

# Builds the release `report` unless it is newer than every source, and sets RELEASE_BINARY.
# `swift build` takes most of a second even with nothing to do; a report should not.
# Arguments: the scratch path (default .build).
build_release() {
    local scratch=${1:-.build}
    RELEASE_BINARY="$PWD/$scratch/release/report"
    if [ ! -x "$RELEASE_BINARY" ] || [ -n "$(find Package.swift Sources scripts/release.sh -newer "$RELEASE_BINARY" -print -quit)" ]; then
        swift build "${RELEASE_BUILD_FLAGS[@]}" --product report --scratch-path "$scratch" >&2
        touch "$RELEASE_BINARY"  # a no-op build leaves the old timestamp; mark the binary as checked
    fi
}

# Builds the in-process training benchmark (scripts/bench only) beside report, with the same
# flags so that they share their modules, and sets BENCHMARK_BINARY. Arguments: the scratch path.
build_benchmark() {
    local scratch=${1:-.build}
    swift build "${RELEASE_BUILD_FLAGS[@]}" --product benchmark-training --scratch-path "$scratch" >&2
    BENCHMARK_BINARY="$PWD/$scratch/release/benchmark-training"
}

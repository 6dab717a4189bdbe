# How every script builds the release `report`, sourced by scripts/report, test, regenerate and bench.
# Linking the Swift runtime and Foundation statically saves the dynamic loader about 4 ms of the
# 23 ms a whole report takes; every script uses the same flags so they share one build.
RELEASE_BUILD_FLAGS=(-c release --static-swift-stdlib --product report)

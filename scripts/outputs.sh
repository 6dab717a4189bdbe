# The runs whose files are committed under output/, one `report` command line each.
# Sourced by scripts/regenerate (which writes them) and scripts/test (which checks them).
# The default run stays what a bare `scripts/report` writes, so that running it leaves the checkout
# clean; its dark pictures are output/inside's, the same run's.
OUTPUT_RUNS=(
    "--output output"
    "--output output/probability --boundary probability --loss-scale log --evolution --theme both"
    "--output output/animation --animate --theme both"
    "--output output/inside --network --trace 10000 --theme both"
    "--output output/page --html"
    "sweep --seeds 0..<1000 --output output/sweep --theme both --html"
    "atlas --output output/atlas --theme both --html"
)

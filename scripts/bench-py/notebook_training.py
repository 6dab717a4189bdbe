"""The notebook's training loop, timed in-process for scripts/bench.

The functions and the loop are the notebook's own code (seed 4, n_h = 2, 10,000
iterations, lr 0.1, a loss appended every iteration); each repetition re-seeds and
re-initialises (not timed) and times the loop alone. Prints `best: S s`,
`median: S s` and the last loss.

Usage: python notebook_training.py [iterations [repetitions]]
"""

import statistics
import sys
import time

import numpy as np

from notebook import learn


def train(iterations):
    """The notebook's cells from seeding to the end of the loop; returns (seconds, losses)."""
    np.random.seed(4)
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]])
    y = np.array([[0, 1, 1, 0]])
    n_x, n_y, n_h = 2, 1, 2
    w1 = np.random.rand(n_h, n_x)
    w2 = np.random.rand(n_y, n_h)
    b1 = np.random.rand(2, 1)
    b2 = np.random.rand(1, 1)

    start = time.perf_counter()
    *_, losses = learn(w1, w2, b1, b2, X, y, iterations, lr=0.1)
    return time.perf_counter() - start, losses


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    repetitions = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    seconds = []
    for _ in range(repetitions):
        elapsed, losses = train(iterations)
        seconds.append(elapsed)
    print(f"best: {min(seconds)!r} s")
    print(f"median: {statistics.median(seconds)!r} s")
    print(f"loss: {float(losses[-1])!r}")


if __name__ == "__main__":
    main()

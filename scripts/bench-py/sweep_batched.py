"""numpy's best shot at `report sweep`: every seed's network trained at once, batched.

One program trains all the seeds' 2-2-1 networks together with stacked arrays and batched
matmuls (the notebook's formulas with a leading seed axis), 10,000 iterations at lr 0.1,
the loss computed only at the end as `report sweep` does. Prints the wall time of the
training (initialisation excluded) and how many seeds converge (all four XOR points right).

Usage: python sweep_batched.py [seeds [iterations]]
"""

import sys
import time

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def initialise(seeds, h=2):
    """Every seed's parameters on a leading seed axis, drawn as the port draws them: per seed,
    np.random.seed(s), then w1 = rand(h, 2), w2 = rand(1, h), b1 = rand(h, 1), b2 = rand(1, 1)
    (for h = 2, the notebook's initialisation cell)."""
    w1 = np.empty((seeds, h, 2))
    w2 = np.empty((seeds, 1, h))
    b1 = np.empty((seeds, h, 1))
    b2 = np.empty((seeds, 1, 1))
    for s in range(seeds):
        np.random.seed(s)
        w1[s] = np.random.rand(h, 2)
        w2[s] = np.random.rand(1, h)
        b1[s] = np.random.rand(h, 1)
        b2[s] = np.random.rand(1, 1)
    return w1, w2, b1, b2


X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]], dtype=float)
y = np.array([[0, 1, 1, 0]], dtype=float)


def train(w1, w2, b1, b2, iterations, lr):
    """Trains every seed on XOR at once; returns (seconds of the loop, seeds that converge)."""
    m = y.shape[1]
    ones = np.ones((m, 1))

    start = time.perf_counter()
    for i in range(iterations):
        z1 = w1 @ X + b1                        # (seeds, h, 4)
        h1 = sigmoid(z1)
        z2 = w2 @ h1 + b2                       # (seeds, 1, 4)
        y_hat = sigmoid(z2)

        dz2 = y_hat - y
        dw2 = dz2 @ h1.transpose(0, 2, 1)       # (seeds, 1, h)
        db2 = dz2 @ ones                        # (seeds, 1, 1)
        dz1 = w2.transpose(0, 2, 1) @ dz2 * h1 * (1 - h1)
        dw1 = dz1 @ X.T                         # (seeds, h, 2)
        db1 = dz1 @ ones                        # (seeds, h, 1)

        w2 = w2 - lr * dw2
        w1 = w1 - lr * dw1
        b2 = b2 - lr * db2
        b1 = b1 - lr * db1
    # The last iteration's loss per seed (before its update), as the sweep records it; where ŷ
    # has saturated to exactly 0 or 1 the log is infinite, and the seed does not converge.
    with np.errstate(divide="ignore", invalid="ignore"):
        losses = -(1 / m) * np.sum(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat), axis=(1, 2))
    elapsed = time.perf_counter() - start

    # The notebook's `predict` with the final parameters: 1 when y_hat > 0.5.
    predictions = (sigmoid(w2 @ sigmoid(w1 @ X + b1) + b2) > 0.5).astype(float)
    return elapsed, int(np.sum(np.isfinite(losses) & np.all(predictions == y, axis=(1, 2))))


def main():
    seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    elapsed, converged = train(*initialise(seeds), iterations, lr=0.1)
    print(f"training: {elapsed!r} s")
    print(f"{converged} of {seeds} seeds converge")


if __name__ == "__main__":
    main()

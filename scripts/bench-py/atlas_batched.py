"""numpy's best shot at `report atlas`: convergence over learning rate × hidden width.

For every cell of the grid (a learning rate, a hidden width h), one batch trains all the
seeds' 2-h-1 networks together, as sweep_batched.py does for h = 2: the notebook's
formulas and order of operations with a leading seed axis and batched matmuls, sigmoid,
the loss computed only at the end. Each seed s starts as the port draws it, in this
order: np.random.seed(s), w1 = rand(h, 2), w2 = rand(1, h), b1 = rand(h, 1),
b2 = rand(1, 1) (for h = 2, the notebook's). A seed converges when its final loss is
finite and it predicts all four XOR points right (ŷ > 0.5 exactly for label 1).

Prints `cell: lr=LR hidden=H converged=C of SEEDS` for each cell, then `training: S s`
(the training loops' wall times summed, initialisation excluded) and `seconds: S s`
(the whole program after its imports).

Usage: python atlas_batched.py [--learning-rates 0.01,0.1,1] [--hidden 1,2,3,4]
           [--seeds 100] [--iterations 10000]
"""

import argparse
import time

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def number_list(kind):
    def parse(text):
        try:
            values = [kind(part) for part in text.split(",")]
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a comma-separated list: {text!r}")
        if any(not value > 0 for value in values):
            raise argparse.ArgumentTypeError(f"every value must be positive: {text!r}")
        return values
    return parse


def positive(text):
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a positive integer: {text!r}")
    return value


def initialise(seeds, h):
    """Every seed's parameters, stacked on a leading seed axis."""
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


def train(w1, w2, b1, b2, X, y, iterations, lr):
    """sweep_batched.py's loop with h hidden units; returns (seconds, converged)."""
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
    # The last iteration's loss per seed (before its update), as the sweep records it;
    # where ŷ has saturated to exactly 0 or 1 the log is infinite, and the seed counts as diverged.
    with np.errstate(divide="ignore", invalid="ignore"):
        losses = -(1 / m) * np.sum(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat), axis=(1, 2))
    elapsed = time.perf_counter() - start

    # The notebook's `predict` with the final parameters: 1 when y_hat > 0.5.
    predictions = (sigmoid(w2 @ sigmoid(w1 @ X + b1) + b2) > 0.5).astype(float)
    converged = int(np.sum(np.isfinite(losses) & np.all(predictions == y, axis=(1, 2))))
    return elapsed, converged


def main():
    parser = argparse.ArgumentParser(description="numpy's best shot at report atlas.")
    parser.add_argument("--learning-rates", type=number_list(float), default=[0.01, 0.1, 1.0])
    parser.add_argument("--hidden", type=number_list(int), default=[1, 2, 3, 4])
    parser.add_argument("--seeds", type=positive, default=100, help="seeds 0 to SEEDS - 1")
    parser.add_argument("--iterations", type=positive, default=10_000)
    options = parser.parse_args()

    start = time.perf_counter()
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]], dtype=float)
    y = np.array([[0, 1, 1, 0]], dtype=float)

    training = 0.0
    # A width's initial parameters are the same at every learning rate: drawn once.
    initial = {h: initialise(options.seeds, h) for h in dict.fromkeys(options.hidden)}
    for lr in options.learning_rates:
        for h in options.hidden:
            elapsed, converged = train(*initial[h], X, y, options.iterations, lr)
            training += elapsed
            print(f"cell: lr={lr!r} hidden={h} converged={converged} of {options.seeds}", flush=True)
    print(f"training: {training!r} s")
    print(f"seconds: {time.perf_counter() - start!r} s")


if __name__ == "__main__":
    main()

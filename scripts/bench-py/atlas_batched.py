"""numpy's best shot at `report atlas`: convergence over learning rate × hidden width.

For every cell of the grid (a learning rate, a hidden width h), one batch trains all the
seeds' 2-h-1 networks together with sweep_batched.py's loop and initialisation. A seed
converges when its final loss is finite and it predicts all four XOR points right.

Prints `cell: lr=LR hidden=H converged=C of SEEDS` for each cell, then `training: S s`
(the training loops' wall times summed, initialisation excluded) and `seconds: S s`
(the whole program after its imports).

Usage: python atlas_batched.py [--learning-rates 0.01,0.1,1] [--hidden 1,2,3,4]
           [--seeds 100] [--iterations 10000]
"""

import argparse
import time

from sweep_batched import initialise, train


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


def main():
    parser = argparse.ArgumentParser(description="numpy's best shot at report atlas.")
    parser.add_argument("--learning-rates", type=number_list(float), default=[0.01, 0.1, 1.0])
    parser.add_argument("--hidden", type=number_list(int), default=[1, 2, 3, 4])
    parser.add_argument("--seeds", type=positive, default=100, help="seeds 0 to SEEDS - 1")
    parser.add_argument("--iterations", type=positive, default=10_000)
    options = parser.parse_args()

    start = time.perf_counter()
    training = 0.0
    # A width's initial parameters are the same at every learning rate: drawn once.
    initial = {h: initialise(options.seeds, h) for h in dict.fromkeys(options.hidden)}
    for lr in options.learning_rates:
        for h in options.hidden:
            elapsed, converged = train(*initial[h], options.iterations, lr)
            training += elapsed
            print(f"cell: lr={lr!r} hidden={h} converged={converged} of {options.seeds}", flush=True)
    print(f"training: {training!r} s")
    print(f"seconds: {time.perf_counter() - start!r} s")


if __name__ == "__main__":
    main()

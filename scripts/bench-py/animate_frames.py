"""The reference for `report --animate`: the boundary and the loss curve at chosen epochs,
drawn with matplotlib and saved as one animated PNG with Pillow.

Trains the notebook's network as notebook_report.py does (seed 4, n_h = 2, lr 0.1, the
notebook's `forward_prop` and `back_prop`) for as many iterations as the largest epoch
asked for, keeping every iteration's loss and the parameters at each epoch (epoch 0 is
the untrained network, epoch e the network after e updates). Each epoch becomes one
matplotlib figure (Agg) of exactly --size pixels: on the left the probability view of
the boundary (ŷ on a 200×200 grid over [-0.1, 1.1]², its 0.5 contour, the four XOR
points), on the right the loss curve so far on axes fixed to the whole run, so that
nothing but the data moves from frame to frame. Pillow's APNG writer, at its defaults,
encodes the frames: it already stores only the rectangle that changed.

Prints `frames: N`, `bytes: SIZE`, `seconds: S s` (training, drawing and encoding,
measured in-process, imports excluded) and `loss: FINAL` (the notebook's last loss, the
one before the last update, as notebook_report.py prints it).

Usage: python animate_frames.py OUTPUT.png --epochs 0,1,2,5,...,10000
           [--size 1280x480] [--delay-ms 80] [--hold-ms 1500]
"""

import argparse
import os
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from notebook import back_prop, forward_prop  # noqa: E402
from PIL import Image  # noqa: E402

GRID = 200
LOW, HIGH = -0.1, 1.1


def epoch_list(text):
    try:
        epochs = sorted({int(part) for part in text.split(",")})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of integers: {text!r}")
    if epochs[0] < 0:
        raise argparse.ArgumentTypeError(f"epochs must be 0 or more: {text!r}")
    return epochs


def size(text):
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not WIDTHxHEIGHT: {text!r}")
    if width < 1 or height < 1:
        raise argparse.ArgumentTypeError(f"not a positive size: {text!r}")
    return width, height


def loss_of(y_hat, y, m):
    return -(1 / m) * np.sum(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))


def train(X, y, epochs, lr=0.1):
    """The notebook's cells from seeding to the end of the loop; returns (losses, snapshots).

    One more forward pass than the notebook's loop, after its last update, so that
    losses[e] is the loss of the network of epoch e for every epoch, the last one too.
    """
    np.random.seed(4)
    n_x, n_y, n_h = 2, 1, 2
    w1 = np.random.rand(n_h, n_x)
    w2 = np.random.rand(n_y, n_h)
    b1 = np.random.rand(2, 1)
    b2 = np.random.rand(1, 1)

    iterations = epochs[-1]
    wanted = set(epochs)
    losses, snapshots = [], {}
    m = y.shape[1]
    for i in range(iterations + 1):
        z1, a1, z2, y_hat = forward_prop(w1, w2, b1, b2, X)
        losses.append(loss_of(y_hat, y, m))
        if i in wanted:
            # The updates below make new arrays, so these stay as they are: no copy needed.
            snapshots[i] = (w1, w2, b1, b2)
        if i == iterations:
            break

        dw1, db1, dw2, db2 = back_prop(m, w1, w2, z1, a1, z2, y_hat, X, y)

        w2 = w2 - lr * dw2
        w1 = w1 - lr * dw1
        b2 = b2 - lr * db2
        b1 = b1 - lr * db1
    return np.array(losses), snapshots


def draw(epoch, parameters, losses, X, y, width, height, loss_limits):
    """One frame as a PIL image of exactly width × height pixels."""
    fig = plt.figure(figsize=(width / 100, height / 100), dpi=100)
    boundary, curve = fig.subplots(1, 2)

    ticks = np.linspace(LOW, HIGH, GRID)
    x0, x1 = np.meshgrid(ticks, ticks)
    grid = np.vstack([x0.ravel(), x1.ravel()])
    *_, y_hat = forward_prop(*parameters, grid)
    probability = y_hat.reshape(GRID, GRID)

    image = boundary.imshow(probability, extent=(LOW, HIGH, LOW, HIGH), origin="lower",
                            cmap="RdBu", vmin=0, vmax=1, interpolation="nearest")
    # An untrained network may not cross 0.5 anywhere, and contour warns about an empty level.
    if probability.min() < 0.5 < probability.max():
        boundary.contour(x0, x1, probability, levels=[0.5], colors="black", linewidths=1.5)
    labels = y.ravel()
    boundary.scatter(X[0], X[1], c=np.where(labels == 1, "blue", "red"), s=120,
                     edgecolors="black", linewidths=1.5, zorder=3)
    boundary.set_xlim(LOW, HIGH)
    boundary.set_ylim(LOW, HIGH)
    boundary.set_aspect("equal")
    boundary.set_xlabel("x0")
    boundary.set_ylabel("x1")
    fig.colorbar(image, ax=boundary, label="ŷ")

    curve.plot(np.arange(epoch + 1), losses[: epoch + 1])
    if epoch == 0:
        # A line through one point draws nothing; a dot, as the port's loss chart draws it.
        curve.scatter([0], losses[:1], s=12)
    curve.set_xlim(0, max(len(losses) - 1, 1))
    curve.set_ylim(*loss_limits)
    curve.set_xlabel("epoch")
    curve.set_ylabel("loss")

    fig.suptitle(f"epoch {epoch:,} · loss {losses[epoch]:.4f}")
    fig.canvas.draw()
    # The buffer belongs to the canvas, which closing the figure frees: copy it first.
    frame = Image.fromarray(np.array(fig.canvas.buffer_rgba()))
    plt.close(fig)
    return frame


def main():
    parser = argparse.ArgumentParser(description="The reference for report --animate.")
    parser.add_argument("output", help="the animated PNG to write")
    parser.add_argument("--epochs", type=epoch_list, required=True,
                        help="comma-separated epochs, one frame each")
    parser.add_argument("--size", type=size, default=(1280, 480), help="WIDTHxHEIGHT in pixels")
    parser.add_argument("--delay-ms", type=int, default=80, help="each frame's time but the last")
    parser.add_argument("--hold-ms", type=int, default=1500, help="the last frame's time")
    options = parser.parse_args()

    start = time.perf_counter()
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]])  # 2x4
    y = np.array([[0, 1, 1, 0]])  # 1x4
    epochs = options.epochs
    losses, snapshots = train(X, y, epochs)

    # Fixed to the whole run, so the loss axes do not jump between frames.
    low, high = float(losses.min()), float(losses.max())
    margin = 0.05 * (high - low) or 0.05
    loss_limits = (low - margin, high + margin)

    width, height = options.size
    frames = [draw(e, snapshots[e], losses, X, y, width, height, loss_limits) for e in epochs]
    durations = [options.delay_ms] * (len(frames) - 1) + [options.hold_ms]
    frames[0].save(options.output, format="PNG", save_all=True, append_images=frames[1:],
                   duration=durations, loop=0)
    elapsed = time.perf_counter() - start

    print(f"frames: {len(frames)}")
    print(f"bytes: {os.path.getsize(options.output)}")
    print(f"seconds: {elapsed!r} s")
    # The notebook's last loss is the one before its last update (epoch 0's when there is none).
    print(f"loss: {float(losses[max(epochs[-1] - 1, 0)])!r}")


if __name__ == "__main__":
    main()

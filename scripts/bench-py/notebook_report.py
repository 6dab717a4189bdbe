"""The notebook as a script: train, print its transcript, save its two charts as PNGs.

The notebook's own cells (seed 4, 10,000 iterations, lr 0.1), with `plt.show()` replaced
by `plt.savefig` on matplotlib's Agg backend: OUTPUT/losses.png (the loss curve) and
OUTPUT/boundary.png (the 20×20 grid of red/blue `predict` dots, one `plt.scatter` each,
as the notebook draws it). scripts/bench times this whole process against `report`.

Usage: python notebook_report.py OUTPUT
"""

import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from notebook import learn, predict  # noqa: E402

output = sys.argv[1] if len(sys.argv) > 1 else "output-python"
os.makedirs(output, exist_ok=True)

np.random.seed(4)

X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]])  # 2x4
y = np.array([[0, 1, 1, 0]])  # 1x4

n_x = 2
n_y = 1
n_h = 2

w1 = np.random.rand(n_h, n_x)
w2 = np.random.rand(n_y, n_h)
b1 = np.random.rand(2, 1)
b2 = np.random.rand(1, 1)

w1, w2, b1, b2, losses = learn(w1, w2, b1, b2, X, y, iterations=10000, lr=0.1)

print(f"w1: {w1.flatten()}")
print(f"w2: {w2.flatten()}")
print(f"b1: {b1.flatten()}")
print(f"b2: {b2.flatten()}")
print(f"loss: {losses[-1]}")

plt.plot(losses)
plt.xlabel("EPOCHS")
plt.ylabel("Loss value")
plt.savefig(os.path.join(output, "losses.png"))
plt.close()


for x in X.T:
    print(f"{x} => {predict(w1, w2, b1, b2, x.reshape(2, 1))}")

color = ["red", "blue"]
for x0 in np.arange(0, 1, 0.05):
    for x1 in np.arange(0, 1, 0.05):
        x = np.array([x0, x1])
        y_hat_cls = predict(w1, w2, b1, b2, x.reshape(2, 1))
        plt.scatter(x0, x1, c=color[y_hat_cls], alpha=0.5)

plt.savefig(os.path.join(output, "boundary.png"))
plt.close()

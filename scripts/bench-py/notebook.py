"""The notebook's functions, verbatim: `sigmoid`, `forward_prop`, `back_prop`, `predict`
and the learning loop.

Shared by the bench scripts, which time the notebook's own code.
"""

import numpy as np


def sigmoid(z):
    z = 1 / (1 + np.exp(-z))
    return z


def forward_prop(w1, w2, b1, b2, x):
    z1 = w1 @ x + b1
    h1 = sigmoid(z1)

    z2 = w2 @ h1 + b2
    y_hat = sigmoid(z2)

    return z1, h1, z2, y_hat


def back_prop(m, w1, w2, z1, h1, z2, y_hat, x, y):
    dz2 = y_hat - y
    dw2 = dz2 @ h1.T
    db2 = dz2 @ np.ones((m, 1))

    dz1 = w2.T @ dz2 * h1 * (1 - h1)
    dw1 = dz1 @ x.T
    db1 = dz1 @ np.ones((m, 1))

    return dw1, db1, dw2, db2


def predict(w1, w2, b1, b2, input):
    z1, a1, z2, a2 = forward_prop(w1, w2, b1, b2, input)
    a2 = np.squeeze(a2)

    if a2 <= 0.5:
        return 0
    else:
        return 1


def learn(w1, w2, b1, b2, X, y, iterations, lr):
    """The notebook's learning cell: the loop, a loss appended before every update."""
    losses = []
    m = y.shape[1]
    for i in range(iterations):
        z1, a1, z2, y_hat = forward_prop(w1, w2, b1, b2, X)

        loss = -(1 / m) * np.sum(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))
        losses.append(loss)

        dw1, db1, dw2, db2 = back_prop(m, w1, w2, z1, a1, z2, y_hat, X, y)

        w2 = w2 - lr * dw2
        w1 = w1 - lr * dw1
        b2 = b2 - lr * db2
        b1 = b1 - lr * db1
    return w1, w2, b1, b2, losses

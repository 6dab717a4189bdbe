/*
 * The notebook's training loop in plain C, as a reference row for scripts/bench.
 *
 * The same arithmetic as Backprop's Network in the same order (sums as numpy's BLAS
 * kernels do them, no fused multiply-add, glibc's exp and log), so it must end on the
 * same loss as `report` to the last bit; scripts/bench checks that.
 *
 * Usage: train [iterations [repetitions]]; prints best and median seconds per run.
 * Build: gcc -O2 -ffp-contract=off train.c -lm
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { N_H = 2, M = 4 };

static const double X[2][M] = {{0, 0, 1, 1}, {0, 1, 0, 1}};
static const double Y[M] = {0, 1, 1, 0};

/* np.random.seed(4); np.random.rand(9): w1 (2x2), w2 (1x2), b1 (2x1), b2, in the notebook's order. */
static const double INITIAL[9] = {
    0x1.ef1e88f9a3c82p-1, 0x1.182ed34b0d70bp-1, 0x1.f203af36c27e5p-1, 0x1.6dfc5ca6fa707p-1,
    0x1.653cb6663e5c6p-1, 0x1.ba8d212436fecp-3, 0x1.f3da3ece5e4e1p-1, 0x1.984e565975600p-8,
    0x1.030dcef39b5a8p-2,
};

static double sigmoid(double z) { return 1 / (1 + exp(-z)); }

/* Sums as BLAS's dgemv does for four samples: even and odd samples apart, then together. */
static double gemv_sum(const double t[M]) {
    double even = 0, odd = 0;
    for (int j = 0; j < M; j += 2) {
        even += t[j];
        odd += t[j + 1];
    }
    return even + odd;
}

/* Runs `iterations` steps from seed 4's parameters, storing every loss in `losses`. */
static void train(int iterations, double *losses) {
    double w1[N_H][2], w2[N_H], b1[N_H], b2;
    w1[0][0] = INITIAL[0]; w1[0][1] = INITIAL[1]; w1[1][0] = INITIAL[2]; w1[1][1] = INITIAL[3];
    w2[0] = INITIAL[4]; w2[1] = INITIAL[5];
    b1[0] = INITIAL[6]; b1[1] = INITIAL[7];
    b2 = INITIAL[8];

    for (int it = 0; it < iterations; it++) {
        double z1[N_H][M], h1[N_H][M], y_hat[M], dz2[M], dz1[N_H][M], t[M];
        double dw1[N_H][2], dw2[N_H], db1[N_H], db2;

        /* forward_prop */
        for (int i = 0; i < N_H; i++)
            for (int j = 0; j < M; j++) {
                z1[i][j] = (w1[i][0] * X[0][j] + w1[i][1] * X[1][j]) + b1[i];
                h1[i][j] = sigmoid(z1[i][j]);
            }
        for (int j = 0; j < M; j++) {
            double z2 = 0;
            for (int i = 0; i < N_H; i++) z2 += w2[i] * h1[i][j];
            y_hat[j] = sigmoid(z2 + b2);
        }

        /* loss, summed left to right */
        double sum = 0;
        for (int j = 0; j < M; j++) sum += Y[j] * log(y_hat[j]) + (1 - Y[j]) * log(1 - y_hat[j]);
        losses[it] = -(1.0 / M) * sum;

        /* back_prop */
        for (int j = 0; j < M; j++) dz2[j] = y_hat[j] - Y[j];
        db2 = 0;
        for (int j = 0; j < M; j++) db2 += dz2[j];
        for (int i = 0; i < N_H; i++) {
            for (int j = 0; j < M; j++) t[j] = dz2[j] * h1[i][j];
            dw2[i] = gemv_sum(t);
            for (int j = 0; j < M; j++) dz1[i][j] = w2[i] * dz2[j] * h1[i][j] * (1 - h1[i][j]);
            for (int k = 0; k < 2; k++) {
                for (int j = 0; j < M; j++) t[j] = dz1[i][j] * X[k][j];
                dw1[i][k] = gemv_sum(t);
            }
            db1[i] = gemv_sum(dz1[i]);
        }

        /* the update, in the notebook's order */
        for (int i = 0; i < N_H; i++) w2[i] = w2[i] - 0.1 * dw2[i];
        for (int i = 0; i < N_H; i++)
            for (int k = 0; k < 2; k++) w1[i][k] = w1[i][k] - 0.1 * dw1[i][k];
        b2 = b2 - 0.1 * db2;
        for (int i = 0; i < N_H; i++) b1[i] = b1[i] - 0.1 * db1[i];
    }
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    int iterations = argc > 1 ? atoi(argv[1]) : 10000;
    int repetitions = argc > 2 ? atoi(argv[2]) : 50;
    if (iterations < 1 || repetitions < 1) {
        fprintf(stderr, "usage: train [iterations >= 1 [repetitions >= 1]]\n");
        return 64;
    }
    double *losses = malloc(sizeof(double) * iterations);
    double *seconds = malloc(sizeof(double) * repetitions);
    for (int r = 0; r < repetitions; r++) {
        double start = now();
        train(iterations, losses);
        seconds[r] = now() - start;
    }
    qsort(seconds, repetitions, sizeof(double), compare);
    double median = repetitions % 2 ? seconds[repetitions / 2]
                                    : (seconds[repetitions / 2 - 1] + seconds[repetitions / 2]) / 2;
    printf("best: %.9f s\nmedian: %.9f s\nloss: %.17g\n", seconds[0], median, losses[iterations - 1]);
    free(losses);
    free(seconds);
    return 0;
}

#ifndef XORBACKPROP_CPU_FEATURES_H
#define XORBACKPROP_CPU_FEATURES_H

/// 1 when this processor, and the operating system, run code built for Haswell (`-target-cpu haswell`):
/// AVX and AVX2, FMA, BMI1 and BMI2, LZCNT, MOVBE and F16C (x86-64-v3), with the AVX registers saved on
/// context switches. 0 otherwise, and on other architectures.
int xorbackprop_runs_haswell_code(void);

#endif

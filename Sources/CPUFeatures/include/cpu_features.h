#ifndef XORBACKPROP_CPU_FEATURES_H
#define XORBACKPROP_CPU_FEATURES_H

/// 1 when this processor, and the operating system, run code built for Haswell (`-target-cpu haswell`):
/// every feature of x86-64-v3 (AVX and AVX2, FMA, BMI1 and BMI2, LZCNT, MOVBE, F16C, and v2's SSE3 to SSE4.2,
/// POPCNT, CMPXCHG16B and LAHF), with the AVX registers saved on context switches. Haswell's other features
/// (AES, PCLMUL, RDRAND, FSGSBASE) are instructions the compiler emits only when asked by name. 0 otherwise,
/// and on other architectures.
int xorbackprop_runs_haswell_code(void);

#endif

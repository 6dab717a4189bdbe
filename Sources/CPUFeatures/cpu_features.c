#include "cpu_features.h"

#if defined(__x86_64__)
#include <cpuid.h>

/// Bit `bit` of `word`.
static int has(unsigned word, int bit) { return (word >> bit) & 1; }

int xorbackprop_runs_haswell_code(void) {
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    // Leaf 1, ECX: SSE3 0, SSSE3 9, FMA 12, CMPXCHG16B 13, SSE4.1 19, SSE4.2 20, MOVBE 22, POPCNT 23, OSXSAVE 27,
    // AVX 28, F16C 29.
    static const int leaf1[] = {0, 9, 12, 13, 19, 20, 22, 23, 27, 28, 29};
    for (unsigned i = 0; i < sizeof leaf1 / sizeof leaf1[0]; i++)
        if (!has(ecx, leaf1[i])) return 0;
    // The OS saves SSE and AVX state (XCR0 bits 1 and 2); xgetbv exists since OSXSAVE is set.
    unsigned xcr0_low, xcr0_high;
    __asm__ volatile("xgetbv" : "=a"(xcr0_low), "=d"(xcr0_high) : "c"(0));
    if ((xcr0_low & 6) != 6) return 0;
    // Leaf 7, EBX: BMI1 3, AVX2 5, BMI2 8.
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    if (!(has(ebx, 3) && has(ebx, 5) && has(ebx, 8))) return 0;
    // Leaf 0x80000001, ECX: LAHF/SAHF in 64-bit mode 0, LZCNT (ABM) 5.
    if (!__get_cpuid(0x80000001, &eax, &ebx, &ecx, &edx)) return 0;
    return has(ecx, 0) && has(ecx, 5);
}
#else
int xorbackprop_runs_haswell_code(void) { return 0; }
#endif

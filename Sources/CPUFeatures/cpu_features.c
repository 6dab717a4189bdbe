#include "cpu_features.h"

#if defined(__x86_64__)
#include <cpuid.h>

/// Bit `bit` of `word`.
static int has(unsigned word, int bit) { return (word >> bit) & 1; }

int xorbackprop_runs_haswell_code(void) {
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    // Leaf 1, ECX: FMA 12, MOVBE 22, OSXSAVE 27, AVX 28, F16C 29.
    if (!(has(ecx, 12) && has(ecx, 22) && has(ecx, 27) && has(ecx, 28) && has(ecx, 29))) return 0;
    // The OS saves SSE and AVX state (XCR0 bits 1 and 2); xgetbv exists since OSXSAVE is set.
    unsigned xcr0_low, xcr0_high;
    __asm__ volatile("xgetbv" : "=a"(xcr0_low), "=d"(xcr0_high) : "c"(0));
    if ((xcr0_low & 6) != 6) return 0;
    // Leaf 7, EBX: BMI1 3, AVX2 5, BMI2 8.
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    if (!(has(ebx, 3) && has(ebx, 5) && has(ebx, 8))) return 0;
    // Leaf 0x80000001, ECX: LZCNT (ABM) 5.
    if (!__get_cpuid(0x80000001, &eax, &ebx, &ecx, &edx)) return 0;
    return has(ecx, 5);
}
#else
int xorbackprop_runs_haswell_code(void) { return 0; }
#endif

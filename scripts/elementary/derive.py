"""Derives the tables and polynomial coefficients of Backprop's own exp, log and tanh (issue 19).

Writes Sources/Backprop/Elementary/ElementaryTables.swift; `--check` exits 1 when that file is
not what this script writes. Everything is computed with mpmath at 256 bits and rounded once to
the nearest double, so the file is a pure function of the published methods below:

exp (the table-driven method of Tang, as glibc and ARM's optimized-routines use it, N = 128):
    x = k ln2/N + r, |r| <= ln2/2N;  exp(x) = 2^(k/N) * exp(r).
    The table holds, for j in 0..<N, 2^(j/N) = s_j (1 + t_j): s_j the nearest double, t_j the
    relative tail, stored as bits(t_j) and bits(s_j) - (j << 45), so that adding k << 45 puts
    k div N into the exponent. exp(r) - 1 - r = r^2 (C2 + C3 r + C4 r^2 + C5 r^3), a
    near-minimax fit (least squares at 400 Chebyshev nodes) on |r| <= 1.01 ln2/2N.
    ln2/N is split as hi + lo, hi with 35 significant bits, so that k hi is exact for |k| < 2^18.
expm1 for tanh, in double-double: the same reduction and table, and the Taylor series of
    exp(r) - 1 - r to r^7 (truncation below 2^-80 on that interval).
log (Tang's table method, N = 128, with Dekker-style exact reduction instead of a fused multiply-add):
    x = 2^k z with z's bit pattern in [OFF, OFF + 2^52), OFF chosen so that 1.0 is the centre of
    interval 80; interval i (by bits 45..51 of bits(x) - OFF) gets invc_i, 1/centre rounded to 20
    significant bits (exactly 1 for interval 80), so that z_hi invc and z_lo invc are exact when
    z_hi keeps 26 bits; log c_i = -log(invc_i) split as a multiple of 2^-43 (so that
    k ln2_hi + logc_hi is exact) plus the rest. log1p(r) - r = r^2 (L2 + ... + L8 r^6), a
    near-minimax fit on the intervals' largest |r|.
"""
import argparse
import struct
import sys
from pathlib import Path

import mpmath
from mpmath import mp, mpf

mp.prec = 256
N = 128
ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "Sources/Backprop/Elementary/ElementaryTables.swift"


def bits(d):
    return struct.unpack("<Q", struct.pack("<d", d))[0]


def double(bits_):
    return struct.unpack("<d", struct.pack("<Q", bits_ & (2**64 - 1)))[0]


def nearest(x):
    """The double nearest to the mpf `x` (ties to even), exactly."""
    return float(mpmath.mpf(x))  # mpmath rounds to nearest when converting


def rounded_to(x, significant_bits):
    """`x` rounded to `significant_bits` significant bits, as a double."""
    m, e = mpmath.frexp(x)
    scale = mpf(2) ** significant_bits
    return nearest(mpmath.nint(m * scale) / scale * mpf(2) ** e)


def fit(f, degree, bound, nodes=400):
    """Coefficients (as doubles) of the polynomial of `degree` nearest to f on [-bound, bound] in the
    least-squares sense over Chebyshev nodes: close to minimax, and enough here (the maximum error
    is printed and asserted)."""
    xs = [bound * mpmath.cos(mpmath.pi * (i + mpf(1) / 2) / nodes) for i in range(nodes)]
    A = mpmath.matrix([[x**j for j in range(degree + 1)] for x in xs])
    b = mpmath.matrix([f(x) for x in xs])
    solution = mpmath.lu_solve(A.T * A, A.T * b)
    return [nearest(solution[j]) for j in range(degree + 1)]


def max_error(f, coefficients, bound, weight, samples=4001):
    worst = mpf(0)
    for i in range(samples):
        x = -bound + 2 * bound * mpf(i) / (samples - 1)
        if x == 0:
            continue
        p = mpf(0)
        for c in reversed(coefficients):
            p = p * x + mpf(c)
        worst = max(worst, abs((f(x) - p) * weight(x)))
    return worst


def exp_part():
    ln2 = mpmath.log(2)
    table = []
    for j in range(N):
        v = mpf(2) ** (mpf(j) / N)
        s = nearest(v)
        t = nearest((v - mpf(s)) / mpf(s))
        table += [bits(t), (bits(s) - (j << 45)) % 2**64]
    ln2_over_n = ln2 / N
    hi = rounded_to(ln2_over_n, 35)
    lo = nearest(ln2_over_n - mpf(hi))
    bound = ln2 / (2 * N) * mpf("1.01")
    tail = lambda r: (mpmath.exp(r) - 1 - r) / r**2
    c = fit(tail, 3, bound)
    error = max_error(tail, c, bound, lambda r: r**2)  # absolute error of exp(r) - 1 - r
    assert error < mpf(2) ** -63, error
    taylor = [nearest(1 / mpmath.factorial(n)) for n in range(2, 8)]
    return {
        "table": table,
        "invLn2N": nearest(N / ln2),
        "negLn2hiN": -hi,
        "negLn2loN": -lo,
        "shift": float.fromhex("0x1.8p52"),
        "c": c,
        "taylor": taylor,
        "error": error,
    }


OFF = 0x3FF0000000000000 - 80 * 2**45 - 2**44


def log_part():
    ln2 = mpmath.log(2)
    invc, logc_hi, logc_lo = [], [], []
    worst_r = mpf(0)
    for i in range(N):
        low, high = OFF + i * 2**45, OFF + (i + 1) * 2**45
        centre = mpf(double(low + 2**44))
        inverse = 1.0 if i == 80 else rounded_to(1 / centre, 20)
        lowest, highest = mpf(double(low)), mpf(double(high - 1))
        worst_r = max(worst_r, abs(lowest * mpf(inverse) - 1), abs(highest * mpf(inverse) - 1))
        logc = -mpmath.log(mpf(inverse))
        h = nearest(mpmath.nint(logc * mpf(2) ** 43) / mpf(2) ** 43)
        invc.append(inverse)
        logc_hi.append(h)
        logc_lo.append(nearest(logc - mpf(h)))
    # Fast2Sum(w, a) in the kernel needs |w| >= |a| whenever w != 0: check the k = 0 intervals.
    for i in range(N):
        if i != 80:
            low, high = OFF + i * 2**45, OFF + (i + 1) * 2**45
            a = max(abs(mpf(double(low)) * mpf(invc[i]) - 1), abs(mpf(double(high - 1)) * mpf(invc[i]) - 1))
            assert abs(mpf(logc_hi[i])) >= a, i
    ln2_hi = nearest(mpmath.nint(ln2 * mpf(2) ** 43) / mpf(2) ** 43)
    ln2_lo = nearest(ln2 - mpf(ln2_hi))
    bound = worst_r * mpf("1.001")
    tail = lambda r: (mpmath.log1p(r) - r) / r**2
    coefficients = fit(tail, 6, bound)
    error = max_error(tail, coefficients, bound, lambda r: r**2 / abs(r))  # relative to |r|
    assert error < mpf(2) ** -62, error
    return {
        "off": OFF,
        "invc": invc,
        "logcHi": logc_hi,
        "logcLo": logc_lo,
        "ln2Hi": ln2_hi,
        "ln2Lo": ln2_lo,
        "coefficients": coefficients,
        "worstR": worst_r,
        "error": error,
    }


def hexfloat(d):
    if d == 0:
        return "0.0"
    return d.hex().replace("0x1.", "0x1.").replace("p+", "p")


def array(name, values, kind, per_line, format_):
    lines = [f"    static let {name}: [{kind}] = ["]
    for start in range(0, len(values), per_line):
        lines.append("        " + ", ".join(format_(v) for v in values[start:start + per_line]) + ",")
    lines.append("    ]")
    return "\n".join(lines)


def swift_file():
    e, l = exp_part(), log_part()
    u64 = lambda v: f"0x{v:016x}"
    dbl = lambda v: hexfloat(v)
    parts = [
        "// Generated by scripts/elementary/derive.py; do not edit. The method and its bounds are described there.",
        "",
        "/// The constants of ``Elementary``'s exp, expm1 and log.",
        "enum ElementaryTables {",
        f"    /// exp: N/ln2, ln2/N as hi + lo (hi with 35 significant bits), and the shift that rounds to an integer.",
        f"    static let invLn2N = {dbl(e['invLn2N'])}",
        f"    static let negLn2hiN = {dbl(e['negLn2hiN'])}",
        f"    static let negLn2loN = {dbl(e['negLn2loN'])}",
        f"    static let shift = {dbl(e['shift'])}",
        f"    /// exp(r) - 1 - r ~ r^2 (c2 + c3 r + c4 r^2 + c5 r^3) on |r| <= 1.01 ln2/256; absolute error {mpmath.nstr(e['error'], 3)}.",
    ]
    for n, c in zip(range(2, 6), e["c"]):
        parts.append(f"    static let c{n} = {dbl(c)}")
    parts.append("    /// 1/n! for n = 2...7: exp(r) - 1 - r to r^7 for expm1 in double-double.")
    for n, c in zip(range(2, 8), e["taylor"]):
        parts.append(f"    static let e{n} = {dbl(c)}")
    parts.append("    /// 2^(j/128) = s (1 + t): bits(t), then bits(s) - (j << 45), for j in 0..<128.")
    parts.append(array("exp", e["table"], "UInt64", 4, u64))
    parts += [
        "",
        f"    /// log: the bit pattern that starts interval 0 (1.0 is the centre of interval 80), and ln2 as hi + lo",
        f"    /// (hi a multiple of 2^-43).",
        f"    static let logOffset: UInt64 = {u64(l['off'])}",
        f"    static let ln2Hi = {dbl(l['ln2Hi'])}",
        f"    static let ln2Lo = {dbl(l['ln2Lo'])}",
        f"    /// log1p(r) - r ~ r^2 (l2 + l3 r + ... + l8 r^6) on |r| <= {mpmath.nstr(l['worstR'] * mpf('1.001'), 5)};"
        f" error relative to |r|: {mpmath.nstr(l['error'], 3)}.",
    ]
    for n, c in zip(range(2, 9), l["coefficients"]):
        parts.append(f"    static let l{n} = {dbl(c)}")
    parts.append("    /// Per interval: 1/c with 20 significant bits, and -log of it as hi (a multiple of 2^-43) + lo.")
    parts.append(array("logInverseCentre", l["invc"], "Double", 4, dbl))
    parts.append(array("logCentreHi", l["logcHi"], "Double", 4, dbl))
    parts.append(array("logCentreLo", l["logcLo"], "Double", 4, dbl))
    parts.append("}")
    return "\n".join(parts) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed file differs")
    arguments = parser.parse_args()
    text = swift_file()
    if arguments.check:
        if OUTPUT.read_text() != text:
            print(f"{OUTPUT.relative_to(ROOT)} is not what {Path(__file__).relative_to(ROOT)} derives", file=sys.stderr)
            sys.exit(1)
        return
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text)


if __name__ == "__main__":
    main()

"""Exact values of exp, log and tanh at inputs that test Backprop's Elementary: every edge of each
function's range and a few thousand random inputs, computed by mpmath at 200 bits.

Writes Tests/BackpropTests/Fixtures/elementary.json: for each function, [input bits, exact value
to 25 significant digits] pairs ("inf", "-inf", "nan" where it is not a number). The tests
measure Elementary's error against these in ulps, an outside reference beside long double.
Run with the repository's virtual environment: `.venv/bin/python scripts/elementary/cases.py`.
"""
import json
import math
import random
import struct
from pathlib import Path

import mpmath
from mpmath import mp, mpf

mp.prec = 200
OUTPUT = Path(__file__).resolve().parents[2] / "Tests/BackpropTests/Fixtures/elementary.json"


def bits(d):
    return f"{struct.unpack('<Q', struct.pack('<d', d))[0]:016x}"


def around(x, n):
    values = []
    up = down = x
    for _ in range(n):
        values += [up, down]
        up, down = math.nextafter(up, math.inf), math.nextafter(down, -math.inf)
    return values


def exact(function, x):
    if math.isnan(x):
        return "nan"
    if function == "exp":
        if x == math.inf:
            return "inf"
        if x == -math.inf:
            return "0"
        value = mpmath.exp(mpf(x))
    elif function == "log":
        if x < 0:
            return "nan"
        if x == 0:
            return "-inf"
        if x == math.inf:
            return "inf"
        value = mpmath.log(mpf(x))
    else:
        if math.isinf(x):
            return "1" if x > 0 else "-1"
        value = mpmath.tanh(mpf(x))
    if value != 0 and abs(value) > mpf(2) ** 1024:
        return "inf"
    return mpmath.nstr(value, 25, min_fixed=-1, max_fixed=-1) if value != 0 else ("-0" if math.copysign(1, x) < 0 else "0")


def main():
    generator = random.Random(19)
    common = [0.0, -0.0, math.inf, -math.inf, math.nan, 5e-324, -5e-324, 2.2250738585072014e-308, 1.0, -1.0]
    inputs = {
        "exp": common + around(709.782712893384, 20) + around(-708.3964185322641, 20) + around(-745.1332191019411, 20)
        + around(2**-54, 10) + around(512.0, 10) + around(-512.0, 10) + around(1024.0, 4)
        + [generator.uniform(-745.2, 709.8) for _ in range(2000)]
        + [generator.uniform(-745.2, -708.0) for _ in range(500)]
        + [math.copysign(2 ** generator.uniform(-60, 9), generator.choice([-1, 1])) for _ in range(1000)],
        "log": common + [1.7976931348623157e308, 3e-320] + around(1.0, 200) + around(2.0, 10) + around(0.5, 10)
        + [1 + math.copysign(2 ** generator.uniform(-60, -1), generator.choice([-1, 1])) for _ in range(1000)]
        + [2 ** generator.uniform(-1074, 1024) for _ in range(2000)],
        "tanh": common + around(2**-27, 10) + around(-(2**-27), 10) + around(22.0, 10) + around(19.06, 50)
        + [math.copysign(2 ** generator.uniform(-40, 4.6), generator.choice([-1, 1])) for _ in range(3000)],
    }
    cases = {name: [[bits(x), exact(name, x)] for x in values] for name, values in inputs.items()}
    lines = []
    for name, pairs in cases.items():
        lines.append(f"  {json.dumps(name)}: [\n" + ",\n".join(f"    {json.dumps(pair)}" for pair in pairs) + "\n  ]")
    OUTPUT.write_text("{\n" + ",\n".join(lines) + "\n}\n")
    print(f"{sum(map(len, cases.values()))} cases written to {OUTPUT}")


if __name__ == "__main__":
    main()

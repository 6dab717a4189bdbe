#!/usr/bin/env python3
"""Regenerates every numpy fixture under Tests/BackpropTests/Fixtures.

Run from anywhere: `python3 scripts/make-fixtures.py`. Needs numpy (2.x prints arrays as the
fixtures expect); the fixtures record the version that made them.
"""
import json
import os
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures"))
import epoch_losses  # noqa: E402
import format as numpy_format  # noqa: E402
import sweeps  # noqa: E402
import training  # noqa: E402

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "BackpropTests", "Fixtures")
training.main(out)
numpy_format.main(out)
sweeps.main(out)
epoch_losses.main(out)
# In its own process, which sets numpy's CPU features before importing it (see iteration_trace.py).
subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "iteration_trace.py"), out],
               check=True)
with open(os.path.join(out, "numpy-version.json"), "w") as f:
    json.dump({"numpy": np.__version__}, f)
print(f"fixtures written to {os.path.normpath(out)} with numpy {np.__version__}")

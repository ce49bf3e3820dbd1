#!/usr/bin/python3
"""Adds up the `<suite>: N passed, N failed` lines of the test logs named on
the command line and prints the one `total: N passed, N failed` line that
`make check` ends with. A log without such a line counts as one failure (the
suite crashed before it could report). Exits 1 when anything failed."""
import re
import sys

passed = failed = 0
for path in sys.argv[1:]:
    try:
        text = open(path, encoding="utf-8", errors="replace").read()
    except OSError:
        text = ""
    found = re.findall(r"^\w+: (\d+) passed, (\d+) failed", text, re.M)
    if not found:
        print(f"{path}: no result line (the suite did not finish)")
        failed += 1
        continue
    p, f = found[-1]
    passed += int(p)
    failed += int(f)
print(f"total: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)

#!/usr/bin/env python3
"""Summarises bench/db-outage.sh's request timelines. Args: cut_ms back_ms label file... (lines: start_ms status secs)."""
import statistics, sys
from collections import Counter

cut, back, label = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
phases = {"before the cut": [], "during the outage": [], "after the return": []}
first_ok = None
for path in sys.argv[4:]:
    for line in open(path):
        start, code, took = line.split()
        start, took = int(start), float(took)
        end = start + took * 1000
        if end < cut:
            phases["before the cut"].append((code, took))
        elif start < back:
            phases["during the outage"].append((code, took))
        else:
            phases["after the return"].append((code, took))
            if code == "200" and (first_ok is None or end < first_ok):
                first_ok = end


def q(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


for name, rows in phases.items():
    if not rows:
        print(f"{label} {name}: no requests")
        continue
    took = [t for _, t in rows]
    codes = ", ".join(f"{c} x{n}" for c, n in sorted(Counter(c for c, _ in rows).items()))
    print(f"{label} {name}: {len(rows)} requests ({codes}); waited median {statistics.median(took):.3f} s, "
          f"p99 {q(took, 0.99):.3f} s, max {max(took):.3f} s")
print(f"{label} first 200 after the return: " + (f"{first_ok - back:.0f} ms after the database came back"
                                                   if first_ok is not None else "none"))

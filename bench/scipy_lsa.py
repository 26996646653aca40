"""scipy's linear_sum_assignment on a dense instance written by matching_bench.

Usage: /usr/bin/python3 bench/scipy_lsa.py SCORES.npy [REPS] [CAPACITIES.npy]
Mentors with capacity c > 1 are duplicated c times (columns). Times the linear_sum_assignment
call alone (best of REPS) and prints: run=SECONDS total=TOTAL.
"""
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment

scores = np.load(sys.argv[1])
reps = int(sys.argv[2]) if len(sys.argv) > 2 else 1
if len(sys.argv) > 3:
    scores = np.repeat(scores, np.load(sys.argv[3]), axis=1)
if not np.isfinite(scores).all():
    sys.exit("scipy_lsa.py: only fully allowed (finite) score matrices are supported")
best = float("inf")
for _ in range(reps):
    t0 = time.perf_counter()
    rows, cols = linear_sum_assignment(scores, maximize=True)
    best = min(best, time.perf_counter() - t0)
# Every score is >= 0 here, so a maximum full assignment is also a maximum matching.
print("run=%.6f total=%.9f" % (best, scores[rows, cols].sum()))

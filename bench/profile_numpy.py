"""The benchmark peer for scores from profiles: the same criteria and rules as
src/core/matching/profiles.hpp, computed with NumPy (vectorised, BLAS products for the shared
half-hours and interests), on the cohort profile_bench writes.

    /usr/bin/python3 bench/profile_numpy.py DIR N SKILLS INTERESTS

Prints: run=SECONDS allowed=COUNT sum=SUM, where run times the scoring of every pair (chunks of
mentees against all mentors) and allowed/sum are over the pairs breaking no rule and scoring at
least 0.2. Rules as in profile_bench: a common language, a grade gap of 1, time zones at most
4 hours apart (reporting lines off).
"""
import sys
import time

import numpy as np

WEEK = 336
WEIGHTS = np.array([0.4, 0.15, 0.15, 0.2, 0.1])
MIN_SCORE = 0.2


def read_side(path, n, skills, interests):
    raw = open(path, "rb").read()
    at = 0

    def take(dtype, count):
        nonlocal at
        size = np.dtype(dtype).itemsize * count
        out = np.frombuffer(raw, dtype=dtype, count=count, offset=at)
        at += size
        return out

    level = take(np.float32, n * skills).reshape(n, skills)
    goal = take(np.float32, n * skills).reshape(n, skills)
    free = take(np.uint8, n * WEEK).reshape(n, WEEK).astype(np.float32)
    interest = take(np.uint8, n * interests).reshape(n, interests).astype(np.float32)
    scalars = take(np.int32, n * 5).reshape(n, 5)
    goal = goal / np.maximum(goal.sum(axis=1, keepdims=True), 1e-30) / 8.0
    return level, goal, free, interest, scalars


def main():
    folder, n, skills, interests = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    e_level, e_goal, e_free, e_int, e_sc = read_side(f"{folder}/mentees.bin", n, skills, interests)
    m_level, m_goal, m_free, m_int, m_sc = read_side(f"{folder}/mentors.bin", n, skills, interests)
    m_count = m_int.sum(axis=1)
    start = time.perf_counter()
    allowed = 0
    total = 0.0
    chunk = 256
    for a in range(0, n, chunk):
        b = min(n, a + chunk)
        skill = np.zeros((b - a, n), dtype=np.float32)
        reverse = np.zeros((b - a, n), dtype=np.float32)
        for s in range(skills):
            g = e_goal[a:b, s]
            if g.any():
                skill += g[:, None] * np.maximum(0.0, m_level[None, :, s] - e_level[a:b, s, None])
            lv = e_level[a:b, s]
            if lv.any():
                reverse += m_goal[None, :, s] * np.maximum(0.0, lv[:, None] - m_level[None, :, s])
        shared = e_int[a:b] @ m_int.T
        union = e_int[a:b].sum(axis=1)[:, None] + m_count[None, :] - shared
        jaccard = np.where(union > 0, shared / np.maximum(union, 1.0), 0.0)
        hours = (e_free[a:b] @ m_free.T) * 0.5
        availability = np.minimum(hours, 2.0) / 2.0
        cross = (e_sc[a:b, 2, None] != m_sc[None, :, 2]) & (e_sc[a:b, 2, None] >= 0) & (m_sc[None, :, 2] >= 0)
        score = (WEIGHTS[0] * skill + WEIGHTS[1] * reverse + WEIGHTS[2] * jaccard + WEIGHTS[3] * availability
                 + WEIGHTS[4] * cross) / WEIGHTS.sum()
        score = np.round(score, 6)  # as the engine rounds: six decimals
        ok = (e_sc[a:b, 0, None] & m_sc[None, :, 0]) != 0
        ok &= (e_sc[a:b, 3, None] - m_sc[None, :, 3]) >= 1
        apart = np.abs(e_sc[a:b, 1, None] - m_sc[None, :, 1])
        ok &= np.minimum(apart, 1440 - apart) <= 240
        ok &= score >= MIN_SCORE
        allowed += int(ok.sum())
        total += float(score[ok].sum())
    run = time.perf_counter() - start
    print(f"run={run:.3f} allowed={allowed} sum={total:.3f}")


if __name__ == "__main__":
    main()

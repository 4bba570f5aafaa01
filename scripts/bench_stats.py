"""Percentiles every benchmark reports (imported by the bench_*.py scripts)."""

import statistics


def percentiles(samples, digits=2):
    """``{"p50_ms", "p95_ms"}`` of durations in seconds."""
    ordered = sorted(samples)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, digits),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000, digits),
    }

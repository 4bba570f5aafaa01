"""Upgrade steps, one module per profile version (``v1001`` for 1000 → 1001, and so on)."""

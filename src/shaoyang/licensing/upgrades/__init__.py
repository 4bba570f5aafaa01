"""Upgrade steps, one module per profile version (none yet: the first version is 1000)."""

"""Workflows: human-readable specifications under ``workflows/`` and the GenericSetup XML made from them."""

"""Workflow definitions: the human-readable specifications under ``workflows/``, the GenericSetup
XML made from them (``spec.py``) and the groups of states that code asks about (``states.py``).

Pure: reads YAML, imports no domain package, so every package may ask it."""

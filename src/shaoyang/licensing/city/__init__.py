"""The city's data profile: departments, staff, item catalogue and holiday table (``profiles/``)."""

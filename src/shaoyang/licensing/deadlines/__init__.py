"""Deadline clocks of a case (rules R3): working-day calendar, pauses, the case's clocks.

Pure functions over dates; the only site access is reading the holiday table and the two
settings from the registry (``calendar.WorkingCalendar.from_registry``, ``settings``).
"""

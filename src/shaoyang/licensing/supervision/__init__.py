"""Supervision: the 零超时 figures (on-time rate per agency, overdue and due-soon lists)."""

"""Figures computed from the workspace: pure functions, no formatting, no I/O."""

"""Deterministic safety layer: risk detection (crisis, abuse, other risk) and helplines."""

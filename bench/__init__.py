"""Evaluations and benchmarks of the coach (docs/evaluation.md)."""

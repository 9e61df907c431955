"""The pieces of ``python -m benchmarks run``."""

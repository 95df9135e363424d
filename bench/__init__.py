"""Benchmarks of the kiosk and the portal (`make bench`); never timed assertions in tests/."""

"""Word pools of the sample generator (scripts/samples.py), one module a venue."""

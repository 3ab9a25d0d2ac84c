"""Realistic demo content for development and benchmarks: see ``manage.py generate_demo``."""

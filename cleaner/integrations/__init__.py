"""Adapters that put cleaner inside other data-processing engines (optional extras)."""

"""The rule format, version 1: safe YAML, the loader and its schema, the rule model, rule
sources (files, folders, the built-in library), the rule set with its per-page selection and
scopes, the on-disk rule cache, and the regex risk checks that ``cleaner rules lint`` reports.

Rules are data: the stages never branch on a rule's id or file. This package compiles rules
with :mod:`cleaner.matching` and never imports the stages, the tools, the CLI or batch.
"""

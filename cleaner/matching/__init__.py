"""The matching machinery: text folding, literals and heads, automata, the gate, match
expressions, and DOM selectors.

Below the rule format and the stages: it imports neither (only :mod:`cleaner.model` and
:mod:`cleaner.errors`). The text stage calls one entry point, :class:`index.RuleIndex`; the DOM
stage runs the selectors compiled by :mod:`selectors`.
"""

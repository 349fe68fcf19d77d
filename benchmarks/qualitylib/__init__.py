"""The parts of ``benchmarks/quality.py``, one job each.

- :mod:`.corpus`: finding the dev corpora, reading their pages, each page's language;
- :mod:`.systems`: the peer extractors, and trafilatura called with cleaner's own options;
- :mod:`.rules`: which rule files cleaner is scored with and the rule ids they define;
- :mod:`.runner`: cleaning and extracting every page, in worker processes;
- :mod:`.ledger`: what each rule removed, how much of it was gold, and its effect on F1;
- :mod:`.report`: the tables, the page lists and the per-page token diffs.
"""

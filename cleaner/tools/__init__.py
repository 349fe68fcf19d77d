"""What rule authors use: ``lint`` (schema, risky regexes, weak examples), ``scaffold`` (a new
site file with its fixture folder), ``examples`` (a rule's examples run as tests),
``fixtures`` (site pages with their expected text) and ``report`` (the explain report).

Tools sit on top of the engine: nothing below them imports them.
"""

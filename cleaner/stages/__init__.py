"""What a page flows through, in data-flow order:

``decode`` (bytes → text) → ``htmlpage`` (parse, limits) → ``domstage`` (DOM rules) →
``extract`` (trafilatura → blocks) → ``features`` (context tags) → ``lang`` (which rules) →
``textstage`` (text rules → decisions) → ``render`` (text, Markdown, JSON). Plain text input
skips to ``textblocks`` (blocks split on blank lines) and then the text stage.

Each stage is a function of its input; :class:`cleaner.engine.Cleaner` calls them in order.
Stages do no I/O and never import the CLI, batch or the rule tools.
"""

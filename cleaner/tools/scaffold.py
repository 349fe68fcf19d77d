"""``cleaner rules new DOMAIN``: a commented site file and a fixture folder to start from.

The skeleton is a working example, not a template with holes: it loads, its examples pass and
its fixture comes out as expected, so ``cleaner rules test`` is green from the first minute and
every edit the author makes is checked against something real.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError

_DOMAIN = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


@dataclass(frozen=True)
class Skeleton:
    rule_file: Path
    page: Path
    expected: Path


def id_prefix(domain: str) -> str:
    """Rule-id letters for a site: the first letters of its name (``example.co.uk`` → ``EXA``)."""
    name = domain.split(".")[0] if not domain.startswith("www.") else domain.split(".")[1]
    letters = re.sub(r"[^a-z]", "", name).upper()
    return (letters + "XX")[:3]


def check_domain(domain: str) -> str:
    value = domain.strip().lower()
    value = re.sub(r"^[a-z]+://", "", value).split("/")[0]
    if value.startswith("www."):
        value = value[4:]
    if not _DOMAIN.match(value):
        raise UsageError(f"'{domain}' is not a domain name (like example.com)")
    return value


def new_site(domain: str, folder: Path) -> Skeleton:
    """Write ``folder/sites/DOMAIN.yaml`` and ``folder/fixtures/sites/DOMAIN/page.html`` with
    its ``page.expected.txt``; refuse to overwrite anything."""
    domain = check_domain(domain)
    skeleton = Skeleton(
        folder / "sites" / f"{domain}.yaml",
        folder / "fixtures" / "sites" / domain / "page.html",
        folder / "fixtures" / "sites" / domain / "page.expected.txt",
    )
    for path in (skeleton.rule_file, skeleton.page, skeleton.expected):
        if path.exists():
            raise UsageError(f"'{path}' already exists; not overwriting it")
    prefix = id_prefix(domain)
    try:
        skeleton.rule_file.parent.mkdir(parents=True, exist_ok=True)
        skeleton.page.parent.mkdir(parents=True, exist_ok=True)
        skeleton.rule_file.write_text(_RULES.format(domain=domain, p=prefix), encoding="utf-8")
        skeleton.page.write_text(_PAGE.format(domain=domain), encoding="utf-8")
        skeleton.expected.write_text(_EXPECTED, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write the skeleton: {exc.strerror}: {exc.filename}") from None
    return skeleton


_RULES = """\
# Site rules for {domain}. Format: docs/rules.md ("Site files").
# Check with:  cleaner rules lint DIR  and  cleaner rules test DIR
# See a page:  cleaner explain PAGE --rules DIR --url https://{domain}/… -o report.html
version: 1
description: Clutter specific to {domain}.
# This file applies to {domain} and its subdomains. Narrow it to paths with
# {domain}/news/*, exclude parts with ~shop.{domain} or ~{domain}/live/*.
sites: [{domain}]
languages: [en]
# Switch off built-in rules that misfire on this site, by id (see: cleaner rules list):
# disable: [RL001]
rules:
  # A DOM rule removes an element before the text is extracted: best for boxes that have a
  # stable class or id. Use css: or xpath:. Selectors do not depend on the language.
  - id: {p}001
    name: newsletter-box
    category: newsletter
    message: The site's newsletter sign-up box
    css: div.newsletter-signup
    languages: '*'
    examples:
      remove:
        - <div class="newsletter-signup"><p>Get the morning briefing in your inbox.</p></div>

  # A text rule removes blocks of extracted text. Prefer whole_block or max_words, so that
  # a sentence of the article that happens to use the words stays.
  - id: {p}002
    name: follow-us-line
    category: promo
    message: The site's "follow us" line under articles
    whole_block: true
    max_words: 12
    match:
      regex: 'follow us on (?:facebook|x|twitter|instagram)'
    examples:
      remove:
        - Follow us on Facebook
      keep:
        - Readers who follow us on Facebook saw the clip first, the editor said in a note.
"""

_PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Placeholder article | {domain}</title>
<link rel="canonical" href="https://www.{domain}/news/placeholder-article">
</head>
<body>
<article>
  <h1>Placeholder article</h1>
  <p>Replace this page with a saved page of the site (keep it small: the article and the clutter
  around it). This paragraph is body text and must stay in the output.</p>
  <div class="newsletter-signup"><p>Get the morning briefing in your inbox.</p>
  <form><input type="email"><button>Sign up</button></form></div>
  <p>A second paragraph of body text, so that the page has an article worth extracting and
  the rules have something to leave alone.</p>
  <p>Follow us on Facebook</p>
</article>
</body>
</html>
"""

_EXPECTED = """\
Placeholder article

Replace this page with a saved page of the site (keep it small: the article and the clutter around it). This paragraph is body text and must stay in the output.

A second paragraph of body text, so that the page has an article worth extracting and the rules have something to leave alone.
"""

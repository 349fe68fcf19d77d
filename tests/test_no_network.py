"""Cleaning never touches the network: trafilatura is handed markup, never a URL to fetch.

The check runs in a child process whose socket layer raises on any use, so that a fetch
anywhere (trafilatura, htmldate, a library import) fails the test instead of going out.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

PAGE = """<!DOCTYPE html><html><head>
<meta http-equiv="refresh" content="0; url=https://example.com/elsewhere">
<link rel="canonical" href="https://example.com/news/a">
<link rel="stylesheet" href="https://cdn.example.com/site.css">
<link rel="alternate" type="application/rss+xml" href="https://example.com/feed.xml">
<meta property="og:image" content="https://img.example.com/a.jpg">
<script src="https://ads.example.com/tag.js"></script>
<base href="https://example.com/">
<title>Bridge plans approved</title></head><body>
<article><h1>Bridge plans approved</h1>
<p>The council approved the plans for the new bridge on Tuesday, after a long debate
about its cost and about the <a href="https://example.com/river">river crossing</a>.</p>
<img src="https://img.example.com/bridge.jpg" srcset="https://img.example.com/b2.jpg 2x">
<iframe src="https://video.example.com/embed/1"></iframe>
<p>Work starts in the spring. <a href="//example.com/next">Next story</a></p>
<p>Subscribe to our newsletter for daily updates.</p>
</article></body></html>"""

CHILD = textwrap.dedent(
    """
    import socket, sys

    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network disabled for this test")

    # creating a socket is not network access (urllib3 probes IPv6 support at import by
    # binding one to ::1); connecting, sending and resolving names are
    for name in ("connect", "connect_ex", "sendto", "sendmsg"):
        setattr(socket.socket, name, refuse)
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    socket.gethostbyname = refuse

    from cleaner import Cleaner

    page = sys.stdin.buffer.read()
    cleaner = Cleaner.default()
    for url in (None, "https://example.com/news/a"):
        result = cleaner.clean(page, url=url)
        assert "council approved the plans" in result.text, result.text
    result = cleaner.clean(page.decode(), input_format="html")
    text = cleaner.clean(b"See https://example.com/x for more.", input_format="text")
    assert "example.com" in text.text
    print(len(attempts))
    """
)


def test_cleaning_pages_full_of_urls_opens_no_socket():
    proc = subprocess.run(
        [sys.executable, "-c", CHILD], input=PAGE.encode(), capture_output=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.decode().strip() == "0"

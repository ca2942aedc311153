"""Markdown becomes HTML that is safe to insert into a page, whatever the text tries."""

import pytest

from tickets.markdown import render

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    '<svg onload="alert(1)">',
    "<iframe src=//evil.example></iframe>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "[x](vbscript:msgbox(1))",
    "<details open ontoggle=alert(1)>",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_script_handler_or_dangerous_url_survives(payload: str) -> None:
    html = render(f"Hello\n\n{payload}\n\n**bold**").lower()
    for bad in (
        "<script",
        "onerror=",
        "onload=",
        "ontoggle=",
        "javascript:",
        "vbscript:",
        "<iframe",
        "<svg",
        "style=",
        'href="data:',
    ):
        assert bad not in _tags(html), (payload, html)
    assert "<strong>bold</strong>" in html


def _tags(html: str) -> str:
    """Only what is inside real tags (escaped text like &lt;script&gt; is harmless)."""
    out, inside = [], False
    for ch in html:
        if ch == "<":
            inside = True
        if inside:
            out.append(ch)
        if ch == ">":
            inside = False
    return "".join(out)


def test_ordinary_markdown_renders() -> None:
    html = render("# Title\n\n- one\n- two\n\n`code` and [a link](https://example.com) ~~gone~~")
    assert "<h1>Title</h1>" in html
    assert "<li>one</li>" in html
    assert "<code>code</code>" in html
    assert '<a href="https://example.com" rel="nofollow noopener noreferrer">a link</a>' in html
    assert "<del>gone</del>" in html or "<s>gone</s>" in html


def test_images_become_links() -> None:
    assert render("![screenshot](https://example.com/a.png)") == (
        '<p><a href="https://example.com/a.png" rel="nofollow noopener noreferrer">screenshot</a></p>\n'
    )

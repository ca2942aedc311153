"""Markdown in, safe HTML out: CommonMark (plus tables and strikethrough) rendered by markdown-it-py with
raw HTML off, then cleaned by nh3 (ammonia) with an allow-list — no script, event handler, style or
``javascript:`` URL survives either step. Images are not allowed: screenshots are attachments, and remote
images would leak the reader's address."""

from collections.abc import Sequence
from html import escape
from typing import Any, Final

import nh3
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token

_md: Final = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)


def _image_as_link(self: RendererHTML, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = self.renderInlineAsText(token.children or [], options, env) or src
    return f'<a href="{escape(src, quote=True)}">{escape(alt)}</a>'


_md.add_render_rule("image", _image_as_link)
TAGS: Final = frozenset(
    {
        "p", "br", "hr", "strong", "em", "del", "s", "code", "pre", "blockquote",
        "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "a",
        "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ATTRIBUTES: Final = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES: Final = frozenset({"http", "https", "mailto"})


def render(text: str) -> str:
    html = _md.render(text)
    return nh3.clean(
        html,
        tags=set(TAGS),
        attributes={tag: set(attrs) for tag, attrs in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )

"""HTML from another app's notes (Journey's entries, Daylio's newer notes) as plain text with
its paragraphs, line breaks and list items kept. Pure, stdlib only."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre",
           "table", "tr", "section", "article", "header", "footer", "hr"}
_SKIPPED = {"script", "style", "head", "title"}
# What makes a note HTML rather than text that happens to hold a "<" ("I <3 you").
_LOOKS_LIKE_HTML = re.compile(
    r"<(?:br|p|div|b|i|u|s|em|strong|span|ul|ol|li|h[1-6]|blockquote|a|strike|del|font)\b[^>]*>"
    r"|</(?:p|div|b|i|u|s|em|strong|span|ul|ol|li|h[1-6]|blockquote|a|strike|del|font)>"
    r"|&(?:amp|lt|gt|quot|nbsp|#\d+|#x[0-9a-f]+);", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    return _LOOKS_LIKE_HTML.search(text) is not None


class _Text(HTMLParser):
    def __init__(self, keep_newlines: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.keep_newlines = keep_newlines
        self.parts: list[str] = []
        self.gap = 0  # line breaks owed before the next text: 1 a new line, 2 a new paragraph
        self.lists = 0  # how deep in <ul>/<ol>
        self.skipping = 0

    def _owe(self, lines: int) -> None:
        if self.parts:
            self.gap = max(self.gap, lines)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")  # <br><br> is a blank line, as it shows
            self.gap = 0
        elif tag == "li":
            self._owe(1)
            self._write("- ")
        elif tag in ("ul", "ol"):
            self._owe(1 if self.lists else 2)
            self.lists += 1
        elif tag in _BLOCKS and not self._at_bullet():
            self._owe(1 if self.lists else 2)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in ("ul", "ol"):
            self.lists = max(0, self.lists - 1)
            self._owe(1 if self.lists else 2)
        elif tag == "li":
            self._owe(1)
        elif tag in _BLOCKS:
            self._owe(1 if self.lists else 2)

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.keep_newlines:
            lines = data.split("\n")
            for number, line in enumerate(lines):
                if number:
                    self.parts.append("\n")
                    self.gap = 0
                self._write(re.sub(r"[ \t\r\f\v]+", " ", line))
        else:
            self._write(re.sub(r"\s+", " ", data))

    def _at_bullet(self) -> bool:
        return bool(self.parts) and self.parts[-1] == "- "

    def _write(self, text: str) -> None:
        if not text:
            return
        at_line_start = not self.parts or self.parts[-1].endswith("\n") or self.gap
        if at_line_start:
            text = text.lstrip(" ")
            if not text:
                return
        if self.gap:
            self.parts.append("\n" * self.gap)
            self.gap = 0
        self.parts.append(text)


def to_text(html: str, keep_newlines: bool = False) -> str:
    """Plain text of ``html``: paragraphs apart by a blank line, <br> a line break, list items
    as "- item", entities decoded, tags dropped. ``keep_newlines``: a newline in the source is a
    line break too (notes typed as text with some HTML in them)."""
    parser = _Text(keep_newlines)
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()

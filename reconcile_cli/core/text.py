"""Text hygiene on the way in (never crash on odd bytes) and on the way out (never emit escapes)."""

from __future__ import annotations

import re

from reconcile_cli.core.limits import MAX_ENTRY_BYTES as MAX_ENTRY_BYTES  # re-exported

# C0 and C1 controls except tab and newline; ESC sequences are removed whole so that no
# half-sequence is left on the screen.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-Z\\-_])|\x9b[0-?]*[ -/]*[@-~]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def decode(raw: bytes) -> tuple[str, bool]:
    """Bytes from stdin or the editor as text; True when some bytes had to be replaced."""
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace"), True


def to_bytes(value: str) -> bytes:
    """UTF-8 bytes of ``value``; lone surrogates (argv or input under a C locale) become the
    original bytes where they stand for some, else invalid bytes that decode() will replace."""
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError:
        pass
    try:
        return value.encode("utf-8", errors="surrogateescape")
    except UnicodeEncodeError:
        return value.encode("utf-8", errors="surrogatepass")


# json.dumps escapes C0 controls itself; DEL and the C1 controls it leaves as they are, and a
# terminal may act on those. Written as \u escapes they read back as the very same characters.
_JSON_UNESCAPED_CONTROL = re.compile("[\x7f-\x9f]")


def escape_controls_in_json(text: str) -> str:
    """JSON text with DEL and the C1 controls written as \\u escapes (the same JSON value)."""
    if text.isascii() and "\x7f" not in text:  # most lines: nothing to look for, quickly said
        return text
    return _JSON_UNESCAPED_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def printable(value: str) -> str:
    """Stored text made safe for a terminal: escape sequences and control characters removed."""
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", value))


def one_line(value: str) -> str:
    """Stored or typed text made safe for one line of a terminal: printable, and every run of
    white space (newlines too) one space."""
    return " ".join(printable(value).split())


def tidy(body: str) -> str:
    """Drop the blank lines and trailing spaces editors leave around an entry; keep the rest."""
    return body.rstrip().lstrip("\n")


def clean(value: str) -> str:
    """Short typed text (an answer, a note, a label) made storable: undecodable bytes become
    U+FFFD rather than an error from SQLite."""
    return decode(to_bytes(value))[0]

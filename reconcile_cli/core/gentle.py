"""The gentle net: noticing, once a day, that it may be more than sadness. Stdlib only.

Shown after a mood of 1, or when an entry holds words of wanting to die or to hurt oneself.
It never blocks saving, sends nothing and writes nothing outside the journal.
"""

from __future__ import annotations

import functools
import os
import re

# Phrases matched on word boundaries, in their usual variants; up to two small words may sit
# inside a phrase ("want to just die", "don't really want to be here"). Kept plain on purpose,
# and tested for false alarms ("I could have died laughing", "she wants to end it", "in the end
# it was quiet", "I hurt myself at the gym").
_FILL = r"(?:\s+\w+){0,2}?"
_PHRASES = [
    rf"kill(?:ing|ed)?{_FILL}\s+my ?self",
    rf"(?:want|wanted|wanting|wanna|wish|wished){_FILL}\s+(?:to\s+)?(?:die|be dead)",
    r"wish (?:i|I) (?:was|were) dead",
    r"(?:better off|rather be) dead",
    r"(?:end|ending|take|taking) my (?:own )?life",
    r"end it all",
    r"ending it all",
    r"(?:no|nothing) (?:reason|point) (?:to|in) (?:live|living|go on|going on)",
    r"nothing (?:left )?to live for",
    r"not worth living",
    r"can'?t go on(?: living)?",
    rf"(?:don'?t|do not){_FILL}\s+want to (?:live|be alive|be here|wake up)",
    r"never (?:want to )?wake up",
    r"suicid(?:e|al)",
    r"self[- ]harm(?:ing|ed)?",
    r"(?:cutting|cut|harming|hurting) myself (?:again|on purpose|to feel)",
    r"cutting myself",
]


@functools.cache
def _pattern() -> re.Pattern[str]:
    """The phrases as one pattern, compiled the first time something is written (not at every
    command's start)."""
    return re.compile(r"\b(?:" + "|".join(_PHRASES) + r")\b", re.IGNORECASE)


def concerning(text: str) -> bool:
    """Whether ``text`` holds words of wanting to die or to hurt oneself."""
    return bool(_pattern().search(text.replace("’", "'")))


# Crisis lines by country, from the locale (LC_ALL, LC_MESSAGES, LANG: en_US.UTF-8 -> US).
# Each is the national line as its service publishes it (checked 2026-11):
CRISIS_LINES = {
    "US": "988 Suicide & Crisis Lifeline: call or text 988",  # 988lifeline.org
    "CA": "9-8-8 Suicide Crisis Helpline: call or text 988",  # 988.ca
    "GB": "Samaritans: call 116 123",  # samaritans.org
    "IE": "Samaritans: call 116 123",  # samaritans.org
    "AU": "Lifeline: call 13 11 14",  # lifeline.org.au
    "NZ": "Need to talk? Call or text 1737",  # 1737.org.nz
    "DE": "TelefonSeelsorge: 0800 111 0 111",  # telefonseelsorge.de
    "FR": "3114 (numéro national de prévention du suicide)",  # 3114.fr
    "ES": "Línea 024",  # sanidad.gob.es (línea 024 de atención a la conducta suicida)
    "NL": "113 Zelfmoordpreventie: 0800-0113",  # 113.nl
}
UNKNOWN = "your local emergency number"


def country() -> str | None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        match = re.match(r"^[a-z]{2,3}_([A-Z]{2})", value)
        if match:
            return match.group(1)
    return None


def crisis_line(configured: str | None) -> str:
    if configured:
        return configured
    found = country()
    return CRISIS_LINES.get(found, UNKNOWN) if found else UNKNOWN


def message(people: list[tuple[str, str | None]], line: str) -> str:
    """The words shown: warm, short, and with somewhere to turn."""
    lines = ["", "What you are feeling matters, and so do you. You do not have to carry "
             "tonight alone."]
    if people:
        lines.append("People you said you could turn to:")
        lines += [f"  {name}" + (f"  {contact}" if contact else "") for name, contact in people]
    if line == UNKNOWN:
        lines.append("If you might hurt yourself, please call your local emergency number now.")
    else:
        lines.append(f"If you might hurt yourself, please reach out now: {line}. If you are in "
                     "danger, call your local emergency number.")
    return "\n".join(part.rstrip() for part in lines)

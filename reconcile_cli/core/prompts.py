"""The reflection prompt catalogue (GUIDANCE.md section 2), as data, and the day's choice.

Slugs are stored with reflection entries: never rename one once shipped, only add.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from reconcile_cli.core.models import Prompt

CATALOGUE: tuple[Prompt, ...] = (
    Prompt("why-this-marriage", "motives",
           "Why do I want this marriage back? Which of my reasons would still hold if I were "
           "not afraid of being alone?"),
    Prompt("my-part-asked-for", "my part",
           "What did my spouse ask of me more than once, and how did I answer each time?"),
    Prompt("as-they-are", "acceptance",
           "Do I love the person they are today, or the person I hope they will become?"),
    Prompt("love-language", "their needs",
           "Which way of being loved reaches them most: touch, kind words, help, small gifts or "
           "time together? Which reaches me?"),
    Prompt("who-i-want-to-be", "identity",
           "Who do I want to be, whatever happens?"),
    Prompt("who-i-am-becoming", "growth",
           "What am I learning about the person I need to become, whether or not they return?"),
    Prompt("what-was-going-on", "underlying issues",
           "Beneath the arguments, what was really going on: how we talked, money, trust, "
           "values, the load at home?"),
    Prompt("forgive-them", "forgiveness",
           "Is there something of theirs I am ready to forgive, even a little?"),
    Prompt("space-or-gentle", "timing",
           "Is this a season to give space, or to reach out gently? What tells me so?"),
    Prompt("what-i-need-now", "self-connection",
           "What do I need right now, and how can I give some of it to myself today?"),
    Prompt("any-outcome", "realism",
           "Could I meet any outcome with dignity? What would help me get there?"),
    Prompt("fear-or-lasting", "motives",
           "Which of my hopes come from fear of what people will think, and which from "
           "something that lasts?"),
    Prompt("mistake-that-matters", "my part",
           "Which of my own mistakes matters most to me now, and what has it taught me?"),
    Prompt("important-secure", "their needs",
           "What helps them feel important, safe and close? When did I last offer that "
           "without expecting anything back?"),
    Prompt("forgive-myself", "forgiveness",
           "What can I forgive in myself today?"),
    Prompt("moment-of-peace", "self-connection",
           "What gave me a moment of joy or peace today, however small?"),
    Prompt("critical-thought", "self-connection",
           "A harsh thought about myself I noticed today, and something true and good about "
           "me that answers it."),
    Prompt("habit-for-the-life", "growth",
           "Which one habit would the person I want to be keep, and what is a small step "
           "towards it this week?"),
    Prompt("how-we-disagreed", "underlying issues",
           "When we disagreed, what did I do that made it worse, and what would I like to do "
           "instead?"),
    Prompt("urge-to-reach-out", "timing",
           "When I feel the urge to reach out, what am I hoping will happen? Is it for them, "
           "or to quiet my own fear?"),
    Prompt("ready-for-either", "realism",
           "If this ends differently from what I hope, what will I still be glad I did?"),
    Prompt("their-side", "acceptance",
           "How might these months look from their side?"),
    Prompt("what-i-value", "self-connection",
           "Three things I value about myself, whoever stays or goes."),
    Prompt("kept-my-word", "growth",
           "Where did I keep my word to myself this week?"),
    Prompt("repair-attempt", "my part",
           "When they tried to reach me in the past, how did I respond? What would I do now?"),
)

BY_SLUG: dict[str, Prompt] = {prompt.slug: prompt for prompt in CATALOGUE}
OWN_THEME = "yours"  # the theme of the user's own questions (`prompt add`)

# The user's own questions, as the journal of this command holds them (told by the command's
# context when it opens the journal): an answer to one shows its question everywhere.
_own: dict[str, Prompt] = {}


def remember_own(prompts: Iterable[Prompt]) -> None:
    _own.clear()
    _own.update((prompt.slug, prompt) for prompt in prompts)


def find(slug: str) -> Prompt | None:
    """A built-in question or one of the user's own, by its slug."""
    return BY_SLUG.get(slug) or _own.get(slug)


def next_prompt(offer_counts: Mapping[str, int], own: Iterable[Prompt] = ()) -> Prompt:
    """The prompt to offer on a new day: the least-offered one, in catalogue order (the
    user's own questions after the built-in ones).

    Choosing the least-offered prompt means none repeats until every prompt has been offered.
    """
    return min((*CATALOGUE, *own), key=lambda prompt: offer_counts.get(prompt.slug, 0))


def question_of(slug: str | None) -> str | None:
    """The reflection question an entry answered, in its words (its slug, if no longer known)."""
    if not slug:
        return None
    prompt = find(slug)
    return prompt.text if prompt else slug


def slug_for(text: str, taken: Iterable[str]) -> str:
    """A name for a question of the user's own: its first words, lowercase, joined by
    hyphens ("what-would-i-tell-a-friend"), made unique with a number."""
    import re

    base = "-".join(re.findall(r"[a-z0-9]+", text.lower())[:6])[:40].strip("-") or "question"
    used = set(taken) | set(BY_SLUG)
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    return slug


VISION_GUIDE = """\
# Your vision: the life you hope for, in your own words. Lines starting with # are not saved.
#
# Picture an ordinary good week: the day-to-day, time as a family, closeness, faith or what
# gives you meaning, holidays, and how the two of you handle a disagreement.
# Then three questions: what must I believe, which habits must I have, and who must I be,
# to live it? Write about your own part: it is the part that is yours to shape.
"""


def without_guide(text: str) -> str:
    """The text without the guide's own lines (the user's lines, even ones starting with #,
    are kept)."""
    guide = set(VISION_GUIDE.splitlines())
    return "\n".join(line for line in text.splitlines() if line not in guide).strip()

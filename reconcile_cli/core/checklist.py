"""The default checklist a new journal starts with (GUIDANCE.md section 1), as data.

Each label states the behaviour the user wants, so "kept" always means "I did what I meant to".
"""

DEFAULT_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("no-begging", "restraint", "Did not beg, plead or act out of desperation"),
    ("respected-boundaries", "restraint", "Respected the space and boundaries they asked for"),
    ("no-monitoring", "restraint",
     "Stayed off their social media and did not ask others about them"),
    ("no-badmouthing", "restraint", "Did not speak badly of them to anyone"),
    ("no-pressure", "restraint", "No ultimatums, guilt or pushing for a decision"),
    ("no-blame", "restraint", "No blame, criticism or lashing out"),
    ("calm-contact", "action", "If we were in touch: stayed calm, gentle and steady"),
    ("listened", "action", "If they talked: listened more than I spoke"),
    ("self-care", "action", "Did one kind thing for my body or mind"),
    ("support", "action", "Leaned on a friend, family, a group or a counsellor"),
    ("gratitude", "action", "Wrote down something I am grateful for"),
    ("reflection", "action", "Looked honestly at my own part"),
)

# Items ticked by an act instead of asked: writing a gratitude line keeps "gratitude",
# answering the day's question keeps "reflection" (`items add --kept-by` does the same).
KEPT_BY_ACTS = ("gratitude", "reflection", "entry")
DEFAULT_KEPT_BY = {"gratitude": "gratitude", "reflection": "reflection"}
ACT_WORDS = {"gratitude": "writing your gratitude lines",
             "reflection": "answering the day's question", "entry": "writing an entry"}

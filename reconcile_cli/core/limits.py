"""What a record may hold, the same whether it is typed or imported. Stdlib only."""

import re

MAX_ENTRY_BYTES = 1_000_000  # an entry's text, in UTF-8
MAX_LABEL = 120  # characters of an item's label
MAX_SLUG = 60  # characters of an item's slug
MAX_NOTE = 10_000  # characters of a checklist answer's note
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # lowercase letters and digits, single hyphens


def is_slug(value: str) -> bool:
    return len(value) <= MAX_SLUG and SLUG.match(value) is not None

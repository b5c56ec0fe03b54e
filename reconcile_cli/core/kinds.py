"""The journal's fixed vocabularies (the schema's CHECK constraints say the same)."""

ENTRY_KINDS = ("journal", "gratitude", "reflection")
ITEM_KINDS = ("restraint", "action")
STATUSES = ("kept", "missed", "skipped")

STATUS_SYMBOLS = {"kept": "✓", "missed": "✗", "skipped": "–", None: "·"}
KIND_TITLES = {"restraint": "Held back from", "action": "Did"}
GOAL_AREAS = ("spiritual", "physical", "intellectual", "relational", "emotional")

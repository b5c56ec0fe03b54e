"""core: the shared vocabulary every wing uses (models and records, dates, text, words, kinds,
limits, the default checklist, prompts, the gentle net's words, settings, errors, diffs, and the
lazy loading of the wings), standard library only; it imports nothing of the project.

Its modules are small and are imported directly: ``from reconcile_cli.core.dates import
long_date``.
"""

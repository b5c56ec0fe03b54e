"""formats: what crosses the journal's border, pure records in and out (the jsonl interchange
format, the importers of other tools' files, the exporters, the report for a counsellor); it may
import journal, progress and core.

The wing's face hands out its modules, loaded on first use (see core/lazy.py):
``formats.importers.jrnl(...)``, ``formats.reports.markdown(...)``.
"""

from typing import TYPE_CHECKING

from reconcile_cli.core import lazy

if TYPE_CHECKING:
    from reconcile_cli.formats import (
        exporters as exporters,
        importers as importers,
        interchange as interchange,
        reports as reports,
    )

__getattr__ = lazy.loader(__name__)

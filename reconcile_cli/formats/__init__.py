"""formats: what crosses the journal's border, pure records in and out (the jsonl interchange
format, the importers of other tools' files, the exporters, the report for a counsellor); it may
import journal, progress and core.

The wing's face hands out its modules, loaded on first use (see core/lazy.py):
``formats.importers.read(...)``, ``formats.reports.markdown(...)``. The importers of other
tools' files live one per format (dayone, journey, daylio, jrnl), behind importers.
"""

from typing import TYPE_CHECKING

from reconcile_cli.core import lazy

if TYPE_CHECKING:
    from reconcile_cli.formats import (
        dayone_out as dayone_out,
        exporters as exporters,
        folder_out as folder_out,
        importers as importers,
        interchange as interchange,
        reports as reports,
        zips as zips,
    )

__getattr__ = lazy.loader(__name__)

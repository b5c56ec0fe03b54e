"""journal: the journal file and its safety (opening and configuring a connection, the schema
and its migrations, backups, encryption and keys, drafts, paths and permissions, what stopped
runs left behind, SQLite's errors); it may import core.

The wing's face hands out its modules, loaded on first use (see core/lazy.py):
``journal.backups.automatic(...)``, ``journal.drafts.new(...)``.
"""

from typing import TYPE_CHECKING

from reconcile_cli.core import lazy

if TYPE_CHECKING:
    from reconcile_cli.journal import (
        backups as backups,
        clock as clock,
        db as db,
        drafts as drafts,
        encryption as encryption,
        files as files,
        folders as folders,
        keychain as keychain,
        keys as keys,
        leftovers as leftovers,
        migrations as migrations,
        owners as owners,
        paths as paths,
        restore as restore,
        schema as schema,
        sqlerrors as sqlerrors,
        syncfolder as syncfolder,
        syncscan as syncscan,
    )

__getattr__ = lazy.loader(__name__)

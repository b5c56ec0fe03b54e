"""Reading a zip someone hands us, as a hostile file: nothing is ever extracted to disk; the
number of files and the size of its directory are checked before zipfile reads it, a name that
points outside the zip (absolute, ``..``) refuses the whole of it, and no more is ever read out
of it than the limits say, whatever sizes it claims (a zip bomb claims small ones).
"""

from __future__ import annotations

import contextlib
import struct
import zipfile
import zlib
from collections.abc import Iterable
from typing import BinaryIO

from reconcile_cli.core.errors import BadRecord
from reconcile_cli.formats.checks import shown

MAX_MEMBERS = 200_000  # Journey writes a file per entry and per photo: 10 a day for 50 years
MAX_DIRECTORY_BYTES = 64_000_000  # the zip's list of its files
MAX_TOTAL_BYTES = 2_000_000_000  # all that is read out of one zip
ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"


def is_zip(head: bytes) -> bool:
    return head.startswith(ZIP_MAGIC) or head.startswith(EMPTY_ZIP_MAGIC)


class SafeZip:
    """The files of a zip, each read into memory up to a limit; BadRecord(0) for what cannot
    be read, saying why."""

    def __init__(self, source: BinaryIO):
        _check_directory(source)
        try:
            self.zip = zipfile.ZipFile(source)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, struct.error):
            raise BadRecord(0, "it is not a zip file that can be read (it may be damaged or "
                               "cut short)") from None
        infos = self.zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise BadRecord(0, f"the zip holds more than {MAX_MEMBERS:,} files, more than any "
                               "export reconcile reads")
        for info in infos:
            name = info.filename
            parts = name.replace("\\", "/").split("/")
            if (name.startswith(("/", "\\")) or ".." in parts or "\0" in name
                    or (len(name) > 1 and name[1] == ":")):
                raise BadRecord(0, f"the zip holds a file named {shown(name)}, which points "
                                   "outside the zip; it is not an export, and nothing in it "
                                   "was read")
        self.infos = {info.filename: info for info in infos if not info.is_dir()}
        self.read_so_far = 0

    def names(self) -> list[str]:
        return sorted(self.infos)

    def read(self, name: str, limit: int) -> bytes:
        """The bytes of file ``name``, never more than ``limit`` of them."""
        info = self.infos[name]
        too_big = BadRecord(0, f"{name} in the zip is larger than {limit // 1_000_000:,} MB, "
                               "the most one file can be here")
        if info.file_size > limit:
            raise too_big
        if info.flag_bits & 0x1:
            raise BadRecord(0, f"{name} in the zip is protected by a password; export it again "
                               "without one")
        try:
            with self.zip.open(info) as member:
                data = member.read(limit + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, struct.error):
            raise BadRecord(0, f"{name} in the zip is damaged and cannot be read") from None
        except NotImplementedError:
            raise BadRecord(0, f"{name} in the zip is compressed in a way reconcile cannot "
                               "read") from None
        except RuntimeError:  # encrypted without the flag we looked at
            raise BadRecord(0, f"{name} in the zip is protected by a password") from None
        if len(data) > limit:
            raise too_big
        self.read_so_far += len(data)
        if self.read_so_far > MAX_TOTAL_BYTES:
            raise BadRecord(0, f"the zip holds more than {MAX_TOTAL_BYTES // 1_000_000_000} GB "
                               "of text, more than one import can take")
        return data


def _check_directory(source: BinaryIO) -> None:
    """Refuse a zip whose own directory claims too many files or too many bytes, from its end
    record, before zipfile reads (and keeps) that whole directory."""
    try:
        size = source.seek(0, 2)
        tail_size = min(size, 65_536 + 22)
        source.seek(size - tail_size)
        tail = source.read(tail_size)
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or len(tail) - at < 22:
            return  # zipfile says what is wrong with it
        (_, _, _, _, members, directory_size, _, _) = struct.unpack(
            "<4sHHHHIIH", tail[at:at + 22])
        if members == 0xFFFF or directory_size == 0xFFFFFFFF:
            locator = tail.rfind(b"PK\x06\x07", 0, at)
            if locator >= 0:
                (offset,) = struct.unpack("<Q", tail[locator + 8:locator + 16])
                source.seek(offset)
                record = source.read(56)
                if record[:4] == b"PK\x06\x06" and len(record) == 56:
                    members, directory_size = struct.unpack("<QQ", record[32:48])
    except (OSError, ValueError, struct.error):
        return
    finally:
        with contextlib.suppress(OSError, ValueError):
            source.seek(0)
    if members > MAX_MEMBERS or directory_size > MAX_DIRECTORY_BYTES:
        raise BadRecord(0, f"the zip says it holds {members:,} files, more than any export "
                           "reconcile reads")


class ZipWriter:
    """A zip written into ``handle`` (a private file the caller made): each file in it private
    (0600) and dated ``when``."""

    def __init__(self, handle: BinaryIO, when: tuple[int, int, int, int, int, int]):
        self.zip = zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED)
        self.when = when

    def add(self, name: str, chunks: Iterable[bytes]) -> None:
        info = zipfile.ZipInfo(name, date_time=self.when)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = (0o100600 << 16)  # a regular file, read and written by its owner
        with self.zip.open(info, "w", force_zip64=True) as member:
            for chunk in chunks:
                member.write(chunk)

    def close(self) -> None:
        self.zip.close()

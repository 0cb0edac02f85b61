"""An export that is many files: a ZIP archive read in place, or the folder it was unzipped to.

Nothing is ever extracted to disk. A ZIP is measured before any member is
decompressed: its end record's member count (read from the file, so a
central directory of millions of entries is never parsed), then each
member's declared size and compression ratio, so a zip bomb is refused by
its numbers. Reading a member never yields more than its declared size
(:mod:`zipfile` stops there and checks the CRC), and each reader asks for at
most its own format's limit (a saved page's, a text copy's).

Names are paths inside the export: an absolute name, a ``..`` step, a drive
letter or a symbolic link is ignored (reported, never followed), so no
member is read from, or mistaken for, a place outside the export.
"""

from __future__ import annotations

import os
import stat
import struct
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from ..errors import ImportFormatError

#: Members (files) in one export. Medium's export of a prolific writer holds a few thousand.
MAX_MEMBERS = 20_000
#: Bytes all members of an export hold once decompressed (declared sizes).
MAX_TOTAL_BYTES = 2 * 1024 ** 3
#: How many times a member may grow when decompressed, once it is over RATIO_FLOOR bytes.
#: Text and HTML compress 5 to 20 times; a zip bomb's members grow a thousand times.
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024
#: The central directory lists each member in 46 bytes and its name: more than this a member is no export's.
DIRECTORY_BYTES_PER_MEMBER = 512

#: What unzipping a damaged member raises (a bad CRC, a cut or corrupt deflate stream).
DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError)
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a local file header; the end record of an empty archive
_END = b"PK\x05\x06"
_END64_LOCATOR = b"PK\x06\x07"
_END64 = b"PK\x06\x06"
_END_SEARCH = 22 + 65535  # the end record and the longest archive comment


def is_bundle(path: Path) -> bool:
    """Whether ``path`` is a folder or a ZIP archive (by its first bytes, never its name)."""
    if path.is_dir():
        return True
    try:
        with open(path, "rb") as fh:
            return fh.read(4) in ZIP_MAGIC
    except OSError:
        return False  # detect_format names the problem


def unsafe(name: str) -> str:
    """Why ``name`` is not a path inside the export, or "" when it is one."""
    if "\x00" in name:
        return "a NUL byte in its name"
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or (len(parts[0]) == 2 and parts[0][1] == ":"):
        return "an absolute path"
    if ".." in parts:
        return "a path that climbs out of the export (..)"
    return ""


class Bundle:
    """The regular files of an export, by their POSIX path inside it."""

    def __init__(self, label: str):
        self.label = label
        self.sizes: dict[str, int] = {}
        self.ignored: list[tuple[str, str]] = []  # (name, why), reported as skipped

    def names(self, folder: str = "", suffix: str = "") -> list[str]:
        """The members directly in ``folder`` ("" is the top) whose names end with ``suffix``, sorted."""
        return sorted(n for n in self.sizes if _folder(n) == folder and n.lower().endswith(suffix))

    def read(self, name: str, limit: int, *, head: bool = False) -> bytes:
        """The member's bytes; ImportFormatError naming the export and member when it is over ``limit``.

        ``head``: its first ``limit`` bytes, whatever its size (to tell what it is).
        """
        if head:
            with self.open(name) as fh:
                return fh.read(limit)
        if self.sizes[name] > limit:
            raise ImportFormatError(f"{self.label}: {name}: {self.sizes[name] / 1048576:.1f} MB, over the "
                                    f"{limit // 1048576} MB a file of its kind may have; is the export damaged?")
        with self.open(name) as fh:
            data = fh.read(limit + 1)
        if len(data) > limit:
            raise ImportFormatError(f"{self.label}: {name}: larger than it says; the export is damaged, download it again")
        return data

    def open(self, name: str) -> BinaryIO:  # pragma: no cover - each kind of bundle opens its own way
        raise NotImplementedError

    def close(self) -> None:
        pass


class ZipBundle(Bundle):
    def __init__(self, path: Path):
        super().__init__(path.name)
        self.path = path
        declared, directory = _declared(path)
        if declared > MAX_MEMBERS or directory > MAX_MEMBERS * DIRECTORY_BYTES_PER_MEMBER:
            shown = f"{declared:,} files" if declared > MAX_MEMBERS else f"a {directory / 1024:,.0f} KB list of files"
            raise ImportFormatError(f"{path}: a ZIP archive of {shown}, over the {MAX_MEMBERS:,} files an export "
                                    "holds; is this really a blog's export?")
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise ImportFormatError(f"{path}: a damaged ZIP archive ({exc}); download the export again") from None
        self.infos: dict[str, zipfile.ZipInfo] = {}  # the first member of each name: zipfile's getinfo gives the last
        total = 0
        for info in self.zip.infolist():
            name = info.filename
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                self.zip.close()
                raise ImportFormatError(
                    f"{path}: {name} would grow {info.file_size // max(info.compress_size, 1):,} times when "
                    f"unzipped (to {info.file_size / 1048576:,.0f} MB), a zip bomb's shape: refused, nothing was read")
            total += info.file_size
            why = unsafe(name) or ("a symbolic link" if stat.S_ISLNK(info.external_attr >> 16) else "")
            if why:
                self.ignored.append((name, why))
            elif not info.is_dir() and name not in self.sizes:
                self.infos[name] = info
                self.sizes[name] = info.file_size
        if total > MAX_TOTAL_BYTES:
            self.zip.close()
            raise ImportFormatError(f"{path}: its files would take {total / 1024 ** 3:,.1f} GB unzipped, over the "
                                    f"{MAX_TOTAL_BYTES // 1024 ** 3} GB an export may; refused, nothing was read")

    def open(self, name: str) -> BinaryIO:
        info = self.infos[name]
        if info.flag_bits & 0x1:
            raise ImportFormatError(f"{self.label}: {name} is encrypted; export again without a password")
        try:
            return self.zip.open(info)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError) as exc:
            raise ImportFormatError(f"{self.label}: {name}: cannot be unzipped ({exc}); download the export again") from None

    def read(self, name: str, limit: int, *, head: bool = False) -> bytes:
        try:
            return super().read(name, limit, head=head)
        except DAMAGED as exc:
            raise ImportFormatError(f"{self.label}: {name}: damaged in the archive ({exc}); download the export again") from None

    def close(self) -> None:
        self.zip.close()


class FolderBundle(Bundle):
    def __init__(self, path: Path):
        super().__init__(f"{path.name}/")
        self.root = path
        for folder, dirs, files in os.walk(path):  # never follows a linked folder
            here = Path(folder)
            for name in sorted(files) + [d for d in dirs if (here / d).is_symlink()]:
                full = here / name
                relative = full.relative_to(path).as_posix()
                if full.is_symlink():
                    self.ignored.append((relative, "a symbolic link"))
                elif full.is_file():
                    self.sizes[relative] = full.stat().st_size
                if len(self.sizes) > MAX_MEMBERS:
                    raise ImportFormatError(f"{path}: a folder of more than {MAX_MEMBERS:,} files; give the export's "
                                            "own folder (the one with posts/ in it)")

    def open(self, name: str) -> BinaryIO:
        return open(self.root / name, "rb")


def open_bundle(path: Path) -> Bundle:
    """The export at ``path``: a folder or a ZIP archive; ImportFormatError when it cannot be read as one."""
    return FolderBundle(path) if path.is_dir() else ZipBundle(path)


def _declared(path: Path) -> tuple[int, int]:
    """(members, central directory bytes) as the ZIP's end record declares them (ZIP64's when the classic
    record is full), or (0, 0) when there is no end record (zipfile names the damage)."""
    with open(path, "rb") as fh:
        size = fh.seek(0, os.SEEK_END)
        fh.seek(max(0, size - _END_SEARCH))
        tail = fh.read()
        at = tail.rfind(_END)
        if at < 0 or len(tail) - at < 22:
            return 0, 0
        count, directory = struct.unpack_from("<HL", tail, at + 10)
        full = count == 0xFFFF or directory == 0xFFFFFFFF
        if not full or at < 20 or tail[at - 20:at - 16] != _END64_LOCATOR:
            return count, directory
        fh.seek(struct.unpack_from("<Q", tail, at - 12)[0])
        record = fh.read(48)
        if record[:4] != _END64 or len(record) < 48:
            return count, directory
        return struct.unpack_from("<QQ", record, 32)


def _folder(name: str) -> str:
    parent = str(PurePosixPath(name).parent)
    return "" if parent == "." else parent

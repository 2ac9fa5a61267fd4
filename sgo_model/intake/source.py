"""A claimed file, read once: its bytes, their SHA-256, and its workbook opened on demand."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path

from sgo_model.office.workbook import Workbook


@dataclass
class Source:
    """What intake knows of one file: who sent it, under what name, and its content.

    The bytes are read once, when the file is claimed; hashing, the safety screen and
    every reader work on them, so the file is never opened twice.
    """

    path: Path
    name: str
    login: str
    received_at: datetime
    data: bytes = field(repr=False)
    archived: Path | None = None

    @classmethod
    def load(cls, path: Path, name: str, login: str, received_at: datetime) -> Source:
        """Read a claimed file's bytes."""
        return cls(path, name, login, received_at, path.read_bytes())

    @cached_property
    def sha256(self) -> str:
        """The SHA-256 of the bytes, lower-case hex."""
        return hashlib.sha256(self.data).hexdigest()

    @property
    def suffix(self) -> str:
        """The file name's extension, lower case (``.xlsx``)."""
        return Path(self.name).suffix.lower()

    @cached_property
    def workbook(self) -> Workbook:
        """The file as an Excel workbook (raises ``UnacceptableFile`` if it is none)."""
        return Workbook(self.data)

    def close(self) -> None:
        """Release the workbook, if it was opened."""
        workbook = self.__dict__.pop("workbook", None)
        if workbook is not None:
            workbook.close()

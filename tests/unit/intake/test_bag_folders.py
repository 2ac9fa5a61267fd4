"""A BagIt bag dropped as a folder becomes one zip in the same inbox folder, once settled;
nothing of the user's is ever overwritten."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

from sgo_model.intake.inbox import pack_bag_folders
from sgo_model.office.site import Site


def _bag(folder: Path) -> Path:
    (folder / "data").mkdir(parents=True)
    (folder / "bagit.txt").write_text("BagIt-Version: 1.0\n", encoding="utf-8")
    (folder / "data" / "transfer.json").write_text("{}", encoding="utf-8")
    return folder


def test_a_settled_bag_folder_becomes_a_zip_and_an_unsettled_one_waits(tmp_path: Path) -> None:
    site = Site(tmp_path)
    inbox = site.user_inbox("clerk")
    bag = _bag(inbox / "Перевод Белова")
    (inbox / "answers").mkdir()  # not a bag: left alone

    assert pack_bag_folders(site, settle_seconds=60) == []  # just copied
    assert bag.is_dir()

    (packed,) = pack_bag_folders(site, settle_seconds=60, now=time.time() + 61)
    assert packed == inbox / "Перевод Белова.zip" and not bag.exists()
    assert (inbox / "answers").is_dir()
    with zipfile.ZipFile(packed) as archive:
        assert sorted(archive.namelist()) == [
            "Перевод Белова/bagit.txt",
            "Перевод Белова/data/transfer.json",
        ]


def test_the_same_folder_gives_the_same_bytes_and_another_file_is_never_overwritten(
    tmp_path: Path,
) -> None:
    site = Site(tmp_path)
    inbox = site.user_inbox("clerk")
    _bag(inbox / "Перевод")
    (first,) = pack_bag_folders(site, 0, now=time.time() + 1)
    data = first.read_bytes()
    first.rename(inbox / "kept.zip")
    (inbox / "Перевод.zip").write_bytes(b"the user's own file")

    _bag(inbox / "Перевод")
    (second,) = pack_bag_folders(site, 0, now=time.time() + 1)

    assert (inbox / "Перевод.zip").read_bytes() == b"the user's own file"
    assert second.name == "Перевод (2).zip" and second.read_bytes() == data

"""Names of files and folders made from data: safe, bounded, distinct, inside their folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sgo_model.office.files import atomic_output
from sgo_model.office.names import (
    MAX_NAME_BYTES,
    NAME_BYTES,
    PART_BYTES,
    UnsafePath,
    inside,
    safe_name,
)

SAFE = [
    "Ромашка",
    "Младшая 1-2",
    "Табель «Солнышко» 2026-10.xlsx",
    "Приказ № 12-д от 01.09.2026 О зачислении воспитанников.docx",
    "Бланк — Сотрудники.xlsx",
    "popova",
    "2026-2027",
    "+7 900",
    "=1+2",
    "@SUM(A1)",
]

UNSAFE = [
    "../../x",
    "..",
    ".",
    "",
    "   ",
    "a/b",
    "a\\b",
    "C:\\Windows",
    'Группа "Ромашка"',
    "a<b>c|d?e*f",
    "Ромашка\x00",
    "Ромашка\nстаршая",
    "Ромашка.",
    " Ромашка ",
    ".hidden",
    "CON",
    "nul.xlsx",
    "Com1.txt",
    "lpt9",
    "AUX .docx",
    "счёт\u202excod.exe",
    "\udcff\udcfe.xlsx",
    "Ж" * 300,
    "Ж" * 300 + ".xlsx",
]


@pytest.mark.parametrize("name", SAFE)
def test_a_safe_name_stays_as_it_is(name: str) -> None:
    assert safe_name(name) == name


@pytest.mark.parametrize("text", UNSAFE)
def test_an_unsafe_text_becomes_one_plain_name(text: str) -> None:
    name = safe_name(text)
    assert name not in ("", ".", "..")
    assert not set(name) & set('<>:"/\\|?*')
    assert all(ch.isprintable() for ch in name)
    assert name == name.strip(" .")
    assert name.split(".")[0].upper() not in ("CON", "NUL", "COM1", "LPT9", "AUX")
    assert len(name.encode()) <= NAME_BYTES
    assert safe_name(name) == name  # made once, kept


def test_separators_become_dashes_and_a_hash_keeps_names_apart() -> None:
    assert safe_name("a/b").startswith("a-b~")
    assert safe_name("../../x") == f"-..-x~{safe_name('../../x')[-6:]}"
    assert safe_name('Группа "Ромашка"').startswith("Группа 'Ромашка'~")
    # «Младшая 1/2» and «Младшая 1-2» are two groups: their files must not collide.
    assert safe_name("Младшая 1/2") != safe_name("Младшая 1-2") == "Младшая 1-2"
    assert safe_name("a/b") != safe_name("a\\b") != safe_name("a:b")


def test_reserved_windows_names_get_a_leading_underscore() -> None:
    assert safe_name("CON").startswith("_CON~")
    assert safe_name("nul.xlsx").startswith("_nul~")
    assert safe_name("nul.xlsx").endswith(".xlsx")
    assert safe_name("CONSOLE") == "CONSOLE"


def test_an_empty_or_dotted_text_still_gives_a_name() -> None:
    for text in ("", ".", "..", " . "):
        assert safe_name(text).startswith("_~")
    assert safe_name("") != safe_name("..")


def test_a_long_cyrillic_name_is_cut_in_bytes_keeping_its_extension() -> None:
    name = safe_name("Воспитанники группы " + "очень " * 60 + ".xlsx")
    assert name.endswith(".xlsx")
    assert len(name.encode()) <= NAME_BYTES
    assert name.startswith("Воспитанники группы очень")
    name.encode().decode("utf-8")  # not cut inside a letter
    # Two long names that differ only after the cut still differ.
    assert safe_name("Ж" * 300 + "а") != safe_name("Ж" * 300 + "б")


def test_a_limit_bounds_a_part_of_a_longer_name() -> None:
    part = safe_name("Группа " * 40, limit=PART_BYTES)
    assert len(part.encode()) <= PART_BYTES
    with pytest.raises(ValueError):
        safe_name("Ромашка", limit=5)


def test_the_longest_name_can_still_be_written_atomically(tmp_path: Path) -> None:
    name = safe_name("Ж" * 400 + ".xlsx")
    assert NAME_BYTES - 2 <= len(name.encode()) <= NAME_BYTES < MAX_NAME_BYTES
    with atomic_output(tmp_path / name) as tmp:
        tmp.write_bytes(b"data")
    assert (tmp_path / name).read_bytes() == b"data"


def test_inside_joins_safe_names_under_the_folder(tmp_path: Path) -> None:
    path = inside(tmp_path, "2026-2027", "Табели", "Табель ../../x 2026-10.xlsx")
    assert path.parent == tmp_path / "2026-2027" / "Табели"
    assert path.name.startswith("Табель ..-..-x 2026-10~")
    assert inside(tmp_path, "..", "a/b").resolve().is_relative_to(tmp_path.resolve())


def test_inside_refuses_a_link_that_leads_out(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    site = tmp_path / "site"
    site.mkdir()
    os.symlink(outside, site / "link")
    with pytest.raises(UnsafePath):
        inside(site, "link", "Табель.xlsx")
    assert inside(site / "link", "Табель.xlsx") == site / "link" / "Табель.xlsx"


def test_the_longest_safe_name_survives_two_temporary_twins(tmp_path: Path) -> None:
    # Publishing renders into a temporary twin, which a renderer may write atomically again.
    from sgo_model.office.files import atomic_output, temporary_path

    name = safe_name("Табель группы " + "Ромашка" * 60 + ".xlsx")
    assert NAME_BYTES - 2 <= len(name.encode()) <= NAME_BYTES
    with atomic_output(temporary_path(tmp_path / name)) as tmp:
        tmp.write_bytes(b"x")
    assert len(list(tmp_path.iterdir())) == 1

"""The fill report's area norm per child is the one its capacity is computed with."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from support import GROUPS, PUPILS, SiteHarness

from sgo_model.domain.roles import FormKind


def _fill_rows(harness: SiteHarness) -> dict[str, dict[str, object]]:
    """The report's group rows, each by its column headers."""
    path = next(Path(harness.site.documents).rglob("Наполняемость групп.xlsx"))
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    at = next(i for i, row in enumerate(rows) if "Норматив, м² на ребёнка" in row)
    header = [str(cell) for cell in rows[at]]
    return {
        str(row[1]): dict(zip(header, row, strict=True))
        for row in rows[at + 1 :]
        if row[1] in ("Ромашка", "Солнышко")
    }


def test_a_group_of_three_year_olds_keeps_two_square_metres_with_a_younger_child(
    sqlite_harness: SiteHarness,
) -> None:
    harness = sqlite_harness
    harness.drop_setup(upto=FormKind.GROUPS)
    # A child of two in the «вторая младшая» group (3–4 years): the room is still sized by
    # the 2.0 m² norm of its age category; only a mixed group goes by its youngest child.
    young = dict(PUPILS[3], **{"Дата рождения": date(2024, 1, 10)})
    harness.drop("clerk", FormKind.PUPILS, [young, PUPILS[0]])
    harness.ingest()
    harness.publish(today=date(2026, 12, 1))

    rows = _fill_rows(harness)

    assert rows["Солнышко"]["Норматив, м² на ребёнка"] == 2.0
    assert rows["Солнышко"]["Вместимость по площади"] == 3  # floor(6.0 / 2.0)
    assert rows["Солнышко"]["Списочный состав"] == 1


def test_a_set_up_file_renders_only_the_documents_whose_inputs_changed(
    sqlite_harness: SiteHarness,
) -> None:
    harness = sqlite_harness
    harness.drop_setup()
    harness.ingest()
    first = harness.publish(today=date(2026, 12, 1))
    assert {d.kind for d in first.documents} >= {
        "group_rosters",
        "group_fill",
        "movement_book",
        "movement_book_pages",
    }
    # A larger room for one group: its capacity changes, nobody's entry in the book does.
    groups = [dict(row) for row in GROUPS]
    groups[0]["Площадь, м²"] = 80
    harness.drop("clerk", FormKind.GROUPS, groups, "Группы, площадь.xlsx")
    harness.ingest()

    second = harness.publish(today=date(2026, 12, 1))

    # The fill report, and the data-quality watch (which counts every file answered).
    assert [d.kind for d in second.documents] == ["group_fill", "data_quality"]
    assert second.failures == {}
    with harness.uow(read_only=True) as uow:
        versions = {d.kind: d.version for d in uow.documents.list()}
    assert versions["group_fill"] == 2
    assert versions["movement_book"] == versions["movement_book_pages"] == 1
    assert versions["group_rosters"] == 1

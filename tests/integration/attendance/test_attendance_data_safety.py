"""Group names that look like formulas or paths: attendance documents keep them as text and
keep their files inside the site, one file per group."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from data_safety import FORMULA_LIKE, assert_stays_text, set_up_with_groups, submit_every_blank
from openpyxl import load_workbook
from support import SiteHarness

from sgo_model.attendance.publish import (
    TIMESHEET,
    TIMESHEET_SUMMARY,
    prepare_month_blanks,
    render_timesheets,
)
from sgo_model.attendance.reports import write_attendance_report
from sgo_model.setup.service import init_site

NOVEMBER = date(2026, 11, 1)
CLIMBING = ("../../x", "../../../../../y", "a/b", "..", "CON", "Ж" * 200)


@pytest.fixture
def formula_groups(sqlite_harness: SiteHarness) -> tuple[SiteHarness, list[Path]]:
    set_up_with_groups(sqlite_harness, FORMULA_LIKE)
    return sqlite_harness, submit_every_blank(sqlite_harness, NOVEMBER)


def test_group_names_like_formulas_stay_text_in_their_blanks(
    formula_groups: tuple[SiteHarness, list[Path]],
) -> None:
    _, blanks = formula_groups
    by_group = {load_workbook(b)["_sgo"]["B5"].value: b for b in blanks}
    assert set(by_group) == set(FORMULA_LIKE)
    for name, blank in by_group.items():
        found = assert_stays_text(blank, name)
        assert {(c.sheet, c.value) for c in found} == {
            ("Посещаемость", f"Группа «{name}»"),
            ("_sgo", name),
        }


def test_group_names_like_formulas_stay_text_in_their_timesheets(
    formula_groups: tuple[SiteHarness, list[Path]],
) -> None:
    harness, _ = formula_groups
    documents = render_timesheets(harness.site, harness.uow)
    for name in FORMULA_LIKE:
        (timesheet,) = [d for d in documents if d.kind == TIMESHEET and f"«{name}»" in d.title]
        (found,) = assert_stays_text(Path(timesheet.path), name, exact=False)
        assert found.value == (
            f"Структурное подразделение: группа «{name}» (средняя, общеразвивающей направленности)"
        )


def test_group_names_like_formulas_stay_text_in_the_month_summary(
    formula_groups: tuple[SiteHarness, list[Path]],
) -> None:
    harness, _ = formula_groups
    documents = render_timesheets(harness.site, harness.uow)
    (summary,) = [d for d in documents if d.kind == TIMESHEET_SUMMARY]
    for name in FORMULA_LIKE:
        (found,) = assert_stays_text(Path(summary.path), name)
        assert (found.sheet, found.ref[0]) == ("Свод", "A")


def test_group_names_like_formulas_stay_text_in_the_indicators_report(
    formula_groups: tuple[SiteHarness, list[Path]],
) -> None:
    harness, _ = formula_groups
    _, report = write_attendance_report(harness.site, harness.uow, NOVEMBER, date(2026, 11, 30))
    for name in FORMULA_LIKE:
        (found,) = assert_stays_text(report, name)
        assert (found.sheet, found.ref[0]) == ("Показатели", "A")


def test_the_institution_name_stays_text_in_every_attendance_document(
    sqlite_harness: SiteHarness,
) -> None:
    harness = sqlite_harness
    institution = FORMULA_LIKE[-1]
    init_site(harness.site, harness.uow(), institution, "2026/2027")
    set_up_with_groups(harness, ("Ромашка",))
    (blank,) = submit_every_blank(harness, NOVEMBER)
    documents = [Path(d.path) for d in render_timesheets(harness.site, harness.uow)]
    _, report = write_attendance_report(harness.site, harness.uow, NOVEMBER, date(2026, 11, 30))
    for path in (blank, *documents, report):
        assert assert_stays_text(path, institution, exact=False), path


def test_groups_named_like_paths_keep_their_documents_inside_the_site(
    sqlite_harness: SiteHarness, tmp_path: Path
) -> None:
    harness = sqlite_harness
    set_up_with_groups(harness, CLIMBING)
    blanks = submit_every_blank(harness, NOVEMBER)
    in_folders = prepare_month_blanks(harness.site, harness.uow, NOVEMBER)
    documents = render_timesheets(harness.site, harness.uow)

    site = harness.site.home.resolve()
    written = [*blanks, *in_folders, *(Path(d.path) for d in documents)]
    assert len(blanks) == len(in_folders) == len(CLIMBING)
    for path in written:
        assert path.resolve().is_relative_to(site), path
        assert path.exists(), path
        assert len(path.name.encode()) < 255
    assert {p.parent for p in blanks} == {harness.site.home / "листы"}
    assert {p.parent for p in in_folders} == {harness.site.user_inbox("popova") / "бланки"}
    timesheets = [Path(d.path) for d in documents if d.kind == TIMESHEET]
    (folder,) = {p.parent for p in timesheets}
    assert folder == harness.site.documents / "2026-2027" / "Табели" / "2026-11"
    assert {p.parent for p in harness.site.documents.rglob("*.xlsx")} == {folder}
    # Nothing was written beside the site: only the site and the test's store are there.
    assert {p.name for p in tmp_path.iterdir() if not p.name.startswith("sgo.db")} == {"site"}


def test_groups_whose_names_meet_when_made_safe_keep_a_timesheet_each(
    sqlite_harness: SiteHarness,
) -> None:
    harness = sqlite_harness
    names = ("a/b", "a-b", "a\\b", "a:b")
    set_up_with_groups(harness, names)
    blanks = submit_every_blank(harness, NOVEMBER)
    timesheets = [
        Path(d.path) for d in render_timesheets(harness.site, harness.uow) if d.kind == TIMESHEET
    ]
    assert len(set(blanks)) == len(set(timesheets)) == len(names)
    folder = harness.site.documents / "2026-2027" / "Табели" / "2026-11"
    assert folder / "Табель a-b 2026-11.xlsx" in timesheets
    titles = {path: load_workbook(path).active["A5"].value for path in timesheets if path.exists()}
    assert sorted(titles.values()) == sorted(
        f"Структурное подразделение: группа «{name}» (средняя, общеразвивающей направленности)"
        for name in names
    )

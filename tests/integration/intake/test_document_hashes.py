"""Every generated document is registered with its template's SHA-256 and its own.

The site uses its own copy of the templates, with the rosters' template edited, so the hash
recorded is seen to be that of the file that was used. Layouts written in code (the movement
book, timesheets) name their module as the template.
"""

from __future__ import annotations

import shutil
from datetime import date
from hashlib import sha256
from pathlib import Path

import docx
import pytest
from support import JOINS_MID_NOVEMBER, TODAY, SiteHarness

from sgo_model.bootstrap import REPOSITORY_TEMPLATES, publishers
from sgo_model.domain.roles import FormKind
from sgo_model.intake.publishing import PublishContext, publish_pending
from sgo_model.intake.receipts import Verdict
from sgo_model.office.files import file_sha256
from sgo_model.store.documents import DocumentRecord

REPOSITORY = REPOSITORY_TEMPLATES.parent
BOOK = "sgo_model/movement/documents/book.py"
# Per kind: the template recorded, and the files whose hash it records (``site/`` the site's
# templates). A layout written in code names its writer and records the hash of its modules'
# hashes, one after the other (the movement book's writers with the module of its entries,
# the timesheet's cells with its frame).
TEMPLATES = {
    "data_quality": (
        "sgo_model/diagnostics/documents/quality_xlsx.py",
        ["sgo_model/diagnostics/documents/quality_xlsx.py"],
    ),
    "group_rosters": ("documents/group_rosters.docx", ["site/documents/group_rosters.docx"]),
    "group_fill": ("documents/group_fill.xlsx", ["site/documents/group_fill.xlsx"]),
    "order": ("documents/order_enrol.docx", ["site/documents/order_enrol.docx"]),
    "movement_book": (
        "sgo_model/movement/documents/book_xlsx.py",
        [BOOK, "sgo_model/movement/documents/book_xlsx.py"],
    ),
    "movement_book_pages": (
        "sgo_model/movement/documents/book_docx.py",
        [BOOK, "sgo_model/movement/documents/book_docx.py"],
    ),
    "timesheet": (
        "sgo_model/attendance/documents/timesheet.py",
        [
            "sgo_model/attendance/documents/timesheet.py",
            "sgo_model/attendance/documents/timesheet_frame.py",
        ],
    ),
    "curriculum": (
        "sgo_model/schedule/documents/curriculum_xlsx.py",
        [
            "sgo_model/schedule/documents/timetable.py",
            "sgo_model/schedule/documents/curriculum_xlsx.py",
        ],
    ),
    "timesheet_summary": (
        "sgo_model/attendance/documents/summary.py",
        ["sgo_model/attendance/documents/summary.py"],
    ),
    "notice_attendance": (
        "documents/notice_attendance.docx",
        ["site/documents/notice_attendance.docx"],
    ),
}


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    """The site's own templates: the repository's, with a line added to the rosters'."""
    folder = tmp_path / "templates"
    shutil.copytree(REPOSITORY_TEMPLATES, folder)
    rosters = folder / "documents" / "group_rosters.docx"
    document = docx.Document(str(rosters))
    document.add_paragraph("Список сверен с личными делами воспитанников.")
    document.save(str(rosters))
    assert file_sha256(rosters) != file_sha256(
        REPOSITORY_TEMPLATES / "documents/group_rosters.docx"
    )
    return folder


def _publish(harness: SiteHarness, templates: Path) -> list[DocumentRecord]:
    context = PublishContext(harness.site, harness.uow, templates, TODAY)
    published = publish_pending(publishers(), context)
    assert published.failures == {}
    return published.documents


def _registered(harness: SiteHarness) -> dict[str, DocumentRecord]:
    with harness.uow() as uow:
        return {f"{d.kind} {d.key}": d for d in uow.documents.list()}


def _check(record: DocumentRecord, templates: Path) -> None:
    name, sources = TEMPLATES[record.kind]
    assert record.template == name, record.title
    hashes = [
        file_sha256(templates / source.removeprefix("site/"))
        if source.startswith("site/")
        else file_sha256(REPOSITORY / source)
        for source in sources
    ]
    in_code = not sources[0].startswith("site/")
    expected = sha256("".join(hashes).encode()).hexdigest() if in_code else hashes[0]
    assert record.template_sha256 == expected, record.title
    assert record.sha256 == file_sha256(Path(record.path)), record.title


def test_each_document_records_its_templates_hash_and_its_own(
    sqlite_harness: SiteHarness, templates: Path
) -> None:
    harness = sqlite_harness
    harness.drop_setup()
    harness.drop("clerk", FormKind.MOVEMENT, [JOINS_MID_NOVEMBER], "Белова.xlsx", age=20)
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    receipt = harness.submit_attendance("popova", "Ромашка", date(2026, 11, 1))
    assert receipt.verdict is Verdict.ACCEPTED, receipt.problems

    published = _publish(harness, templates)

    registered = _registered(harness)
    assert sorted(registered) == [
        "curriculum current",
        "data_quality site",
        "group_fill current",
        "group_rosters current",
        "movement_book current",
        "movement_book_pages current",
        # November's statements to the families of the three children there all month:
        # Белова's enrolment (order 1-д) is not signed, so the timesheet does not list her.
        "notice_attendance 1/2026-11/1",
        "notice_attendance 1/2026-11/2",
        "notice_attendance 1/2026-11/3",
        "order 2026/1-д",
        "timesheet 1/2026-11",
        "timesheet_summary 2026-11",
    ]
    assert sorted(f"{d.kind} {d.key}" for d in published) == sorted(registered)
    for record in registered.values():
        _check(record, templates)
    rosters = docx.Document(registered["group_rosters current"].path)
    assert rosters.paragraphs[-1].text == "Список сверен с личными делами воспитанников."


def test_a_regenerated_document_records_its_new_hash(
    sqlite_harness: SiteHarness, templates: Path
) -> None:
    harness = sqlite_harness
    harness.drop_setup()
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    harness.submit_attendance("popova", "Ромашка", date(2026, 11, 1))
    _publish(harness, templates)
    first = _registered(harness)["timesheet 1/2026-11"]

    corrected = harness.submit_attendance(
        "popova", "Ромашка", date(2026, 11, 1), {"Иванова": {5: "Б"}}
    )
    assert corrected.verdict is Verdict.ACCEPTED, corrected.problems
    _publish(harness, templates)

    again = _registered(harness)["timesheet 1/2026-11"]
    assert (again.version, again.path) == (first.version + 1, first.path)
    assert again.sha256 != first.sha256
    _check(again, templates)

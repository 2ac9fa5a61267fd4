"""``sgo demo``: a fictional kindergarten lives 2025/2026 through the real flows, the
administrator closes it, and it goes on with the autumn of 2026/2027."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from support import convert_to_pdf, pdf_page_size, pdf_pages
from typer.testing import CliRunner

from flows.cli import app

pytestmark = pytest.mark.usefixtures("prefect_harness")

runner = CliRunner()
env = {"SGO_DATABASE_URL": "", "SGO_HOME": ""}


@pytest.fixture(scope="module")
def demo(prefect_harness: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site as of Monday 30 November 2026, whatever the clock says (built once)."""
    home = tmp_path_factory.mktemp("demo") / "demo"
    result = runner.invoke(app, ["demo", "--home", str(home), "--today", "2026-11-30"], env=env)
    assert result.exit_code == 0, result.output
    # The pupils form, one attendance sheet and one diagnostics sheet.
    assert "rejected: 3" in result.output
    assert "Traceback" not in result.output
    # The demo's explained impossibility: the music director with a quarter of a rate.
    assert "не помещаются в её часы (0,25 ставки; ежедневно 8:30–12:30 и 15:00–16:30)" in (
        result.output
    )
    return home


def test_demo_sets_up_a_whole_kindergarten_and_shows_one_rejected_file(demo: Path) -> None:
    home = demo

    status = runner.invoke(app, ["status", "--json", "--home", str(home)], env=env)
    state = json.loads(status.output)
    # The children of 1 September 2026, those of the year before who went to school or left
    # during it, the autumn's enrolments and one application.
    assert state["pupils"] == 250 + 20 + 3 + 3 + 7 + 1
    assert state["academic_year"] == "2026/2027"
    assert state["groups"] == 12
    assert state["employees"] == 40
    assert state["submissions"]["rejected"] == 3

    (rejected,) = home.glob("inbox/*/rejected/*Воспитанники*.квитанция.txt")
    text = rejected.read_text(encoding="utf-8")
    assert "ОТКЛОНЁН" in text
    for expected in ("не существует", "не найдена", "латинскую букву «o»", "не согласуется"):
        assert expected in text
    (copy,) = home.glob("inbox/*/rejected/*Воспитанники*.ошибки.xlsx")
    annotated = load_workbook(copy)
    listed = list(annotated["Ошибки"].iter_rows(min_row=2, values_only=True))
    # The six errors of the receipt, each at its cell, commented there too; no warning about
    # groups the file adds no child to.
    assert [(row[1], row[2]) for row in listed] == [
        ("E5", "Дата рождения"),
        ("A7", "Фамилия"),
        ("D8", "Пол"),
        ("A9", "Фамилия"),
        ("D10", "Пол"),
        ("F6", "Группа"),
    ]
    assert all(annotated["Воспитанники"][row[1]].comment for row in listed if row[1])

    roster = home / "documents" / "2026-2027" / "Списки групп.docx"
    document = Document(str(roster))
    names = [row.cells[1].text for table in document.tables for row in table.rows[2:]]
    # In groups on 30.11.2026: 250 + 7 enrolled in the autumn - 4 withdrawn; one enrolment's
    # order (21-д) is not signed: she is listed, marked, and not counted in the fill report; the
    # application's child joins on 01.12.2026.
    assert len(names) == 253
    assert [n for n in names if "не подписан" in n] == [
        "Попова Анна Кирилловна (зачисление: приказ не подписан)"
    ]
    assert "по состоянию на «30» ноября 2026 г." in [p.text for p in document.paragraphs]
    fill = load_workbook(home / "documents" / "2026-2027" / "Наполняемость групп.xlsx").active
    table = [row for row in fill.iter_rows(min_row=6, values_only=True) if row[0] is not None]
    groups = [row for row in table if isinstance(row[0], int)]
    assert [row[0] for row in groups] == list(range(1, 13))
    assert sum(row[9] for row in groups) == 252  # «Списочный состав» of each group
    (total,) = [row for row in table if row[0] == "Итого"]
    assert total[9] == 252
    listed = runner.invoke(
        app, ["documents", "list", "--kind", "order", "--json", "--home", str(home)], env=env
    )
    orders = json.loads(listed.output)
    # On pupils: 10 of 2025/2026 (archived with it), the graduation and the promotion of its
    # closing, 14 of this autumn; approving the curriculum and the schedule, in each year.
    assert len(orders) == 10 + 2 + 14 + 2 * 2
    unsigned = sorted(o["title"] for o in orders if o["status"] not in ("registered", "archived"))
    assert unsigned == [
        "Приказ № 21-д от 18.11.2026 «О зачислении воспитанника»",
        "Приказ № 22-д от 30.11.2026 «О зачислении воспитанника»",  # the application
    ]
    assert sum(o["status"] == "archived" for o in orders) == 10 + 2  # and 2025's approvals
    assert all(Path(o["path"]).exists() for o in orders)
    approving = sorted(o["title"] for o in orders if "-ОД" in o["title"])
    assert approving == [
        "Приказ № 1-ОД от 01.09.2025 «Об утверждении учебного плана»",
        "Приказ № 1-ОД от 30.11.2026 «Об утверждении учебного плана»",
        "Приказ № 2-ОД от 01.09.2025 «Об утверждении расписания непосредственно образовательной "
        "деятельности»",
        "Приказ № 2-ОД от 30.11.2026 «Об утверждении расписания непосредственно образовательной "
        "деятельности»",
    ]
    week = runner.invoke(app, ["schedule", "show", "--json", "--home", str(home)], env=env)
    shown = json.loads(week.output)
    assert (shown["version"], shown["status"], shown["order"]) == (1, "approved", "2-ОД")
    assert len(shown["slots"]) == 134
    grids = home / "documents" / "2026-2027" / "Расписание НОД" / "Версия 1"
    assert sorted(p.name for p in grids.iterdir()) == [
        "Расписание НОД по группам.docx",
        "Расписание залов.docx",
        "Расписание специалистов.docx",
        "Сетка НОД.xlsx",
    ]
    book = load_workbook(
        home / "documents" / "Книга движения" / "Книга учёта движения воспитанников.xlsx"
    ).active
    entries = [row for row in book.iter_rows(min_row=4, values_only=True) if row[0]]
    assert [row[0] for row in entries] == list(range(1, 285))  # every child ever enrolled
    notes = {row[1]: row[10] for row in entries if "не подписан" in str(row[10])}
    assert notes == {
        "Попова Анна Кирилловна": "приказ не подписан",  # 21-д
        "Соколова Василиса Андреевна": "приказ не подписан",  # 22-д
    }

    (sheet,) = home.glob("inbox/*/rejected/*Посещаемость*.квитанция.txt")
    assert "учреждение не работает" in sheet.read_text(encoding="utf-8")
    timesheets = list(home.glob("documents/2026-2027/Табели/*/Табель *.xlsx"))
    months = sorted({p.parent.name for p in timesheets})
    assert months == ["2026-09", "2026-10", "2026-11"]  # up to the demo's day
    assert len(timesheets) == 12 * 3
    # The demo's day is 30 November: a November sheet stops the day before unless it marks
    # an absence on the 30th: those timesheets are preliminary and bill nothing for the 30th;
    # the earlier months are final.
    listed = runner.invoke(
        app, ["documents", "list", "--kind", "timesheet", "--json", "--home", str(home)], env=env
    )
    documents = json.loads(listed.output)
    this_year = [d for d in documents if "2026-2027" in d["path"]]
    assert {d["status"] for d in this_year if "2026-11" not in d["path"]} == {"final"}
    # The previous year's are archived, and stay as they were when the head signed the
    # closing's graduation order: the graduates' last day, 31 August, was theirs.
    assert {d["status"] for d in documents if "2025-2026" in d["path"]} == {"archived"}
    november = [d for d in documents if "2026-11" in d["path"]]
    assert sum(d["status"] == "preliminary" for d in november) == 1  # fixed by the seed
    for document in november:
        sheet = load_workbook(document["path"]).active
        heading = [c.value for c in sheet["A"] if isinstance(c.value, str)]
        rows = list(sheet.iter_rows(values_only=True))
        children = [r for r in rows if isinstance(r[0], int) and r[1]]
        (present,) = [r for r in rows if r[0] == "Всего присутствует детей"]
        on_30th = [row[4 + 29] for row in children]
        if document["status"] == "preliminary":
            assert "ПРЕДВАРИТЕЛЬНЫЙ: отметки по 29.11.2026, дни после этой даты не учтены" in (
                heading
            )
            assert set(on_30th) <= {"·", "—"} and present[4 + 29] is None  # nor counted
        else:
            assert "Н" in on_30th  # an absence marked on the 30th: the sheet covers it


def test_the_demos_previous_year_was_lived_whole_and_closed_by_the_flow(demo: Path) -> None:
    """2025/2026: every group-month of attendance, both diagnostics, the orders signed; the
    closing graduated the preparatory group and the mixed group's children of school age,
    moved the rest up, gave the emptied group the new intake, locked the year, archived its
    documents and prepared «Итоги года»; the schedule starts afresh in the new year."""
    import sqlite3

    import bagit

    shown = runner.invoke(app, ["year", "show", "--json", "--home", str(demo)], env=env)
    years = {y["year"]: y for y in json.loads(shown.output)}
    assert years["2025/2026"]["status"] == "closed" and not years["2025/2026"]["current"]
    assert [a["action"] for a in years["2025/2026"]["actions"]] == ["closed"]  # no override
    assert years["2026/2027"]["current"]

    before = demo / "documents" / "2025-2026"
    months = sorted({p.parent.name for p in before.glob("Табели/*/Табель *.xlsx")})
    assert months == [f"2025-{m:02d}" for m in range(9, 13)] + [
        f"2026-{m:02d}" for m in range(1, 9)
    ]
    assert len(list(before.glob("Табели/*/Табель *.xlsx"))) == 12 * 12
    assert sorted(p.name for p in before.glob("Мониторинг/*.docx")) == [
        "Аналитическая справка 2025-2026.docx"
    ]
    closing = sorted(p.name for p in (before / "Закрытие года").iterdir())
    assert closing == ["Итоги закрытия 2025-2026.docx", "План закрытия 2025-2026.docx"]
    plan = Document(str(before / "Закрытие года" / closing[1]))
    cells = " ".join(c.text for t in plan.tables for row in t.rows for c in row.cells)
    assert "Капелька" in cells and "группа раннего возраста" in cells

    connection = sqlite3.connect(demo / "sgo.db")
    graduated = connection.execute(
        "SELECT count(*) FROM movement_events WHERE kind = 'withdraw' AND effective_on = "
        "'2026-09-01'"
    ).fetchone()[0]
    promoted = connection.execute(
        "SELECT count(*) FROM movement_events WHERE kind = 'promote' AND effective_on = "
        "'2026-09-01'"
    ).fetchone()[0]
    intake = connection.execute(
        "SELECT g.category, count(e.id) FROM groups g LEFT JOIN movement_events e ON "
        "e.group_id = g.id AND e.kind = 'enrol' WHERE g.name = 'Капелька'"
    ).fetchone()
    kinds = dict(connection.execute("SELECT number, kind FROM orders WHERE order_date >= "
                                    "'2026-08-31' AND order_date <= '2026-09-01'"))  # fmt: skip
    versions = connection.execute(
        "SELECT y.label, v.number FROM schedule_versions v JOIN academic_years y "
        "ON y.id = v.year_id ORDER BY v.id"
    ).fetchall()
    connection.close()
    assert graduated == 20 + 3  # the preparatory group and three of the mixed one
    assert promoted > 150
    assert intake[0] == "early" and intake[1] >= 2 * 17  # the prep group's and this year's
    assert sorted(kinds.values()) == ["enrol", "graduate", "promote"]
    assert versions == [("2025/2026", 1), ("2026/2027", 1)]

    (archive,) = (demo / "documents" / "Архив").glob("Документы 2025-2026*")
    bagit.Bag(str(archive)).validate()
    registry = json.loads((archive / "data" / "registry.json").read_text(encoding="utf-8"))
    assert sum(d["kind"] == "timesheet" for d in registry) == 144
    assert {d["status"] for d in registry} <= {"final", "registered", "preliminary"}
    (year_end,) = (demo / "outbox" / "Отчёты").glob("Итоги года 2025-2026 *")
    bagit.Bag(str(year_end)).validate()
    refused = runner.invoke(
        app, ["year", "reopen", "2025/2026", "--home", str(demo), "--reason", "проверка",
              "--as", "volkova.lr"], env=env,
    )  # fmt: skip
    assert refused.exit_code != 0


@pytest.mark.soffice
def test_every_kind_of_the_demos_documents_prints(demo: Path, tmp_path: Path) -> None:
    """One document of each kind, as LibreOffice prints it: A4, the words a reader looks for,
    no draft mark on an order, a preliminary timesheet saying so."""
    documents = demo / "documents"
    year = documents / "2026-2027"
    timesheets = sorted((year / "Табели" / "2026-11").glob("Табель *.xlsx"))
    kinds = {
        "rosters": (year / "Списки групп.docx", "СПИСКИ ВОСПИТАННИКОВ ПО ГРУППАМ"),
        "fill": (year / "Наполняемость групп.xlsx", "НАПОЛНЯЕМОСТЬ ГРУПП"),
        "book": (documents / "Книга движения" / "Книга учёта движения воспитанников.xlsx", "п/п"),
        "pages": (
            documents / "Книга движения" / "Книга учёта движения воспитанников 2026-2027.docx",
            "Страница 1 из",
        ),
        "order": (next((year / "Приказы").glob("Приказ № 20-д *.docx")), "ПРИКАЗЫВАЮ:"),
        "timesheet": (timesheets[0], "УЧЕТА ПОСЕЩАЕМОСТИ ДЕТЕЙ"),
        "summary": (year / "Табели" / "2026-11" / "Сводный табель 2026-11.xlsx", "Итого"),
        "note": (
            documents / "2025-2026" / "Мониторинг" / "Аналитическая справка 2025-2026.docx",
            "АНАЛИТИЧЕСКАЯ СПРАВКА",
        ),
        "monitoring": (
            documents / "2025-2026" / "Мониторинг" / "Мониторинг 2025-2026.xlsx",
            "Мониторинг качества образования",
        ),
        "plan": (
            documents / "2025-2026" / "Закрытие года" / "План закрытия 2025-2026.docx",
            "ПЛАН ЗАКРЫТИЯ 2025/2026 УЧЕБНОГО ГОДА",
        ),
        "promotion": (
            next((documents / "2025-2026" / "Приказы").glob("Приказ № 8-д * группы.docx")),
            "ПРИКАЗЫВАЮ:",
        ),
    }
    copies = []
    for name, (path, _) in kinds.items():
        copy = tmp_path / f"{name}{path.suffix}"
        copy.write_bytes(path.read_bytes())
        copies.append(copy)
    pdfs = convert_to_pdf(tmp_path, *copies)
    for (name, (_, expected)), pdf in zip(kinds.items(), pdfs, strict=True):
        width, height, paper = pdf_page_size(pdf)
        assert paper == "A4", name
        portrait = ("rosters", "order", "note", "plan", "promotion")
        assert (width > height) is (name not in portrait), name  # landscape
        text = " ".join(pdf_pages(pdf))
        assert expected in text, name
    order = " ".join(pdf_pages(pdfs[4]))
    assert "ПРОЕКТ" not in order and "№ 20-д" in order


def test_the_demos_diagnostics_show_dynamics_without_naming_a_child(demo: Path) -> None:
    """The previous year's start and end, this year's start; route lists only in the
    teachers' and the methodist's folders."""
    from docx import Document
    from openpyxl import load_workbook

    from sgo_model.store.engine import make_engine
    from sgo_model.store.uow import SqlUnitOfWork

    folder = demo / "documents" / "2025-2026" / "Мониторинг"
    note = Document(str(folder / "Аналитическая справка 2025-2026.docx"))
    text = "\n".join(p.text for p in note.paragraphs)
    assert "В учреждении доля детей со сформированными навыками в речевом развитии выросла" in text
    assert len(note.inline_shapes) >= 2
    current = Document(
        str(
            demo / "documents" / "2026-2027" / "Мониторинг" / "Аналитическая справка 2026-2027.docx"
        )
    )
    assert "На начало учебного года в учреждении доля детей" in "\n".join(
        p.text for p in current.paragraphs
    )
    engine = make_engine(f"sqlite:///{demo / 'sgo.db'}")
    with SqlUnitOfWork(engine) as uow:
        names = [n.full for n, _ in uow.pupils.names(range(1, 400)).values()]
        methodists = {u.login for u in uow.staff.users() if u.role.value == "methodist"}
        teachers = {u.login for u in uow.staff.users() if u.role.value == "teacher"}
    engine.dispose()
    workbook = load_workbook(folder / "Мониторинг 2025-2026.xlsx")
    cells = " ".join(
        str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row
    )
    tables = " ".join(c.text for t in note.tables for row in t.rows for c in row.cells)
    assert not [n for n in names if n in text or n in cells or n in tables]
    routes = sorted((demo / "inbox").glob("*/диагностика/*.docx"))
    assert routes and {p.parent.parent.name for p in routes} <= methodists | teachers
    assert methodists <= {p.parent.parent.name for p in routes}


def _readable(path: Path) -> bytes:
    """A file's bytes as a reader finds text in them: a workbook or document unzipped with its
    XML's character references («&#1048;») resolved, a PDF as its text."""
    import html
    import subprocess
    import zipfile

    data = path.read_bytes()
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                text = archive.read(name).decode("utf-8", "replace")
                data += html.unescape(text).encode()
    if path.suffix == ".pdf":
        data += subprocess.run(["pdftotext", str(path), "-"], capture_output=True).stdout
    return data


def _official_roll(demo: Path, on: str) -> dict[int, int]:
    """Pupil → group as signed orders have it on a day, straight from the tables."""
    import sqlite3

    connection = sqlite3.connect(demo / "sgo.db")
    rows = connection.execute(
        "SELECT e.pupil_id, e.kind, e.group_id FROM movement_events e "
        "LEFT JOIN orders o ON o.id = e.order_id "
        "WHERE e.effective_on <= ? AND (e.order_id IS NULL OR o.status = 'signed') "
        "ORDER BY e.pupil_id, e.effective_on, e.id",
        (on,),
    ).fetchall()
    connection.close()
    latest: dict[int, tuple[str, int]] = {}
    for pupil, kind, group in rows:
        latest[pupil] = (kind, group)
    return {p: g for p, (kind, g) in latest.items() if kind in ("enrol", "transfer", "promote")}


def _absences(demo: Path) -> tuple[int, int]:
    """Absences and of them illness in 2026 on the current sheets, up to the day each covers."""
    import sqlite3

    connection = sqlite3.connect(demo / "sgo.db")
    missed, illness = connection.execute(
        "SELECT count(*), sum(m.mark = 'Б') FROM attendance_marks m "
        "JOIN attendance_versions v ON v.id = m.version_id WHERE v.is_current "
        "AND m.day <= v.covered_through AND m.day BETWEEN '2026-01-01' AND '2026-12-31' "
        # A child is out of the group from the day of the withdrawal.
        "AND NOT EXISTS (SELECT 1 FROM movement_events w WHERE w.pupil_id = m.pupil_id "
        "AND w.kind = 'withdraw' AND w.effective_on <= m.day) "
        # Nor is a child in it whose enrolment order is not signed (21-д).
        "AND NOT EXISTS (SELECT 1 FROM movement_events e JOIN orders o ON o.id = e.order_id "
        "WHERE e.pupil_id = m.pupil_id AND e.kind = 'enrol' AND o.status != 'signed')"
    ).fetchone()
    connection.close()
    return int(missed), int(illness)


def _child_days(demo: Path) -> int:
    """Children on the signed roll of a group on each working day its current sheets cover."""
    import sqlite3
    from datetime import date, timedelta

    connection = sqlite3.connect(demo / "sgo.db")
    calendar = dict(connection.execute("SELECT day, kind FROM calendar_days"))
    overrides = dict(connection.execute("SELECT day, working FROM calendar_overrides"))
    versions = connection.execute(
        "SELECT group_id, month, covered_through FROM attendance_versions WHERE is_current"
    ).fetchall()
    connection.close()

    def working(day: date) -> bool:
        key = day.isoformat()
        if key in overrides:
            return bool(overrides[key])
        if key in calendar:
            return calendar[key] == "workday_transfer"
        return day.weekday() < 5

    total = 0
    for group, month, covered in versions:
        day, last = date.fromisoformat(month), date.fromisoformat(covered)
        while day <= last and day.year == 2026:
            if working(day):
                roll = _official_roll(demo, day.isoformat())
                total += sum(1 for g in roll.values() if g == group)
            day += timedelta(days=1)
    return total


def test_the_demos_85k_is_recomputed_independently_and_names_no_child(demo: Path) -> None:
    import sqlite3
    from datetime import date

    import bagit

    from sgo_model.authority.verify import verify_bag

    (bag,) = (demo / "outbox" / "Отчёты").glob("85-К *")
    bagit.Bag(str(bag)).validate()
    assert verify_bag(bag).valid
    (sent,) = (demo / "Управление образования" / "Входящие" / "6312045678").iterdir()
    assert sent.name == bag.name
    payload = json.loads((bag / "data" / "figures.json").read_text(encoding="utf-8"))
    figures = payload["figures"]
    assert payload["preliminary"] and payload["period"] == "2026"

    roll = _official_roll(demo, "2026-11-30")
    connection = sqlite3.connect(demo / "sgo.db")
    births = {
        i: (date.fromisoformat(b), s)
        for i, b, s in connection.execute("SELECT id, birth_date, sex FROM pupils")
    }
    categories = dict(connection.execute("SELECT id, category FROM groups"))
    people = connection.execute(
        "SELECT last_name || ' ' || first_name FROM pupils UNION SELECT full_name FROM guardians"
    ).fetchall()
    connection.close()

    def age(born: date) -> int:  # full years on 1 January 2027
        return 2027 - born.year - ((born.month, born.day) > (1, 1))

    columns = {0: "4", 1: "5", 2: "6", 3: "7", 4: "8", 5: "9", 6: "10"}
    expected = {c: 0 for c in ("3", "4", "5", "6", "7", "8", "9", "10", "11")}
    girls = dict(expected)
    for pupil in roll:
        born, sex = births[pupil]
        column = columns.get(age(born), "11")
        for counted in (expected, *([girls] if sex == "female" else [])):
            counted["3"] += 1
            counted[column] += 1
    assert figures["7"]["701"] == expected
    assert figures["7"]["702"] == girls
    by_column = {"early": "5", "junior1": "5", "junior2": "6", "middle": "6", "senior": "7",
                 "prep": "7", "mixed": "8"}  # fmt: skip
    groups = {c: 0 for c in ("3", "4", "5", "6", "7", "8")}
    for group in set(roll.values()):
        groups["3"] += 1
        groups[by_column[categories[group]]] += 1
    assert figures["4"]["401"] == groups
    missed, illness = _absences(demo)
    assert (figures["2.3"]["02"]["3"], figures["2.3"]["03"]["3"]) == (missed, illness)
    assert figures["2.3"]["01"]["3"] + missed == _child_days(demo)
    assert figures["2.3"]["02"]["3"] == figures["2.3"]["03"]["3"] + figures["2.3"]["04"]["3"]

    # Only aggregates leave the kindergarten: no child's or parent's name in any byte.
    names = [name.encode() for (name,) in people]
    for path in (p for p in bag.rglob("*") if p.is_file()):
        data = _readable(path)
        assert not [n for n in names if n in data], path.name
    trace = next((demo / "documents" / "2026" / "Отчёты").glob("*расшифровка.xlsx"))
    assert any(n in _readable(trace) for n in names)  # the search finds them where they are


def test_the_demos_authority_consolidates_five_kindergartens(demo: Path) -> None:
    from sgo_model.authority.aggregate import aggregate_packages
    from sgo_model.authority.kinds import ReportKind

    inbox = demo / "Управление образования" / "Входящие"
    summary = aggregate_packages(inbox, "2026", ReportKind.FORM_85K)
    assert len(summary.accepted) == 5 and len(summary.missing) == 1
    (damaged,) = [r for r in summary.received if r.status == "refused"]
    assert "data/figures.json изменён" in damaged.reason
    workbook = load_workbook(
        demo / "Управление образования" / "documents" / "Своды" / "Свод 85-К 2026.xlsx"
    )
    rows = list(workbook["По учреждениям 7"].iter_rows(min_row=3, values_only=True))
    total = next(row for row in rows if row[0] == "Итого")
    assert total[2] == sum(r.verification.figures["7"]["701"]["3"] for r in summary.accepted)
    assert total[2] == sum(row[2] for row in rows[: rows.index(total)])


def test_the_demo_issues_notices_and_transfers_a_child_to_the_neighbour(demo: Path) -> None:
    families = demo / "outbox" / "families"
    extracts = sorted(families.glob("*/Выписка из приказа*.docx"))
    statements = sorted(families.glob("*/Справка о посещении 2026-10 *.docx"))
    assert extracts and len(statements) > 200
    extract = "\n".join(p.text for p in Document(str(extracts[0])).paragraphs)
    assert "ВЫПИСКА ИЗ ПРИКАЗА" in extract and "Выписка верна" in extract
    listed = runner.invoke(
        app, ["notices", "list", "--status", "paper", "--home", str(demo)], env=env
    )
    assert listed.exit_code == 0 and "notice(s)" in listed.output

    # Two children left for other kindergartens in November, one for the neighbour: the bag
    # of each whose withdrawal the head signed.
    assert sorted((demo / "outbox" / "transfers").glob("Перевод *.zip"))
    neighbour = demo / "Соседний детский сад"
    state = runner.invoke(app, ["transfers", "list", "--home", str(neighbour)], env=env)
    assert state.exit_code == 0, state.output
    assert "зачислен по" in state.output and "received: 1" in state.output
    (order,) = neighbour.glob("documents/*/Приказы/*О зачислении воспитанника*.docx")
    text = " ".join(p.text for p in Document(str(order)).paragraphs).replace("\u00a0", " ")
    assert "в порядке перевода из" in text and "«Детский сад № 11" in text

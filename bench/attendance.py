"""Benchmark of attendance: a whole year of sheets of 100 groups through intake, and timesheets.

A kindergarten of 100 groups of 25 pupils (2,500 children, one teacher per group) is set up
for the past academic year 2025/2026 through the intake service (not timed). For every group
and month, September 2025 to August 2026, its blank is written with ``write_attendance_blank``
and filled with realistic absences (about one working-day cell in ten: mostly «Б» in spells of
several days, some «О», a few «Н»), by writing the marks straight into the blank's sheet XML:
1,200 filled sheets, generated once (timed, but outside the target). Then, in the same run:

1. the baseline: ``openpyxl.load_workbook`` merely loading the 1,200 files;
2. the service: the files dropped into ``inbox/admin/`` (or each group's teacher's inbox with
   ``--teachers``) of a fresh copy of the set-up site, and one ``ingest_pass``; every receipt
   must be ACCEPTED with all its marks stored;
3. the 1,200 timesheets 0504608 (and 12 monthly summaries) rendered by ``render_timesheets``
   on the service's site;
4. the flow: the same drop on another fresh copy, then ``intake_flow`` under a temporary Prefect
   server (``prefect_test_harness``). The server's start-up and a warm-up flow run on an empty
   inbox are not counted. Within the run the ``take-inbox-batch`` and ``refresh-documents``
   tasks are timed as the flow calls them, and ``ingest_pass`` and ``refresh_documents`` inside
   them, so that orchestration overhead can be told from the work.

Targets: the year's intake (1,200 files) with the timesheets it regenerates, what the user
waits for, in under 20 s; orchestration overhead under 10 %.
SQLite only (each run works on a copy of the set-up site's folder and store file).

    .venv/bin/python bench/attendance.py [--groups N] [--teachers] [--repeat N] [--no-flow]
        [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import re
import shutil
import statistics
import tempfile
import time
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from openpyxl import load_workbook

from sgo_model.attendance.forms.blank import write_attendance_blank
from sgo_model.attendance.forms.model import (
    FIRST_DAY_COLUMN,
    FIRST_PUPIL_ROW,
    AttendanceBlank,
    attendance_blank_name,
)
from sgo_model.attendance.publish import attendance_blank, render_timesheets
from sgo_model.attendance.service import group_month
from sgo_model.bootstrap import publishers, readers, spec_of
from sgo_model.demo.data import AGE_CATEGORIES, generate_pupil_rows
from sgo_model.domain.roles import FormKind
from sgo_model.forms.blanks import write_blank
from sgo_model.intake.pipeline import Intake, IntakeOptions, PassResult, ingest_pass
from sgo_model.intake.receipts import Verdict
from sgo_model.office.site import Site
from sgo_model.setup.service import init_site
from sgo_model.store.engine import make_engine, migrate
from sgo_model.store.uow import SqlUnitOfWork

T = TypeVar("T")

YEAR = "2025/2026"
YEAR_START = date(2025, 9, 1)
MONTHS = [date(2025 + (m < 9), m, 1) for m in (9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8)]
PUPILS_PER_GROUP = 25
AREA_M2 = 65  # 25 children at 2.5 m² each (the stricter, under-three norm)
INSTITUTION = "МБДОУ «Детский сад № 100 «Сотня»»"
NOW = IntakeOptions(settle_seconds=0)
INTAKE_TARGET_S = 20.0
OVERHEAD_TARGET = 0.10

# Chance that a child falls ill on a working day (spells of 3–7 working days) by month, and
# that a parents' leave starts (longer in summer); single unexcused days are rarer.
_ILLNESS = {9: 0.014, 10: 0.018, 11: 0.022, 12: 0.024, 1: 0.02, 2: 0.024, 3: 0.02}
_ILLNESS_DEFAULT = 0.014
_LEAVE = {6: 0.008, 7: 0.012, 8: 0.01}
_LEAVE_DEFAULT = 0.002
_UNEXCUSED = 0.008

_SURNAMES = (
    "Иванова",
    "Смирнова",
    "Кузнецова",
    "Попова",
    "Васильева",
    "Петрова",
    "Соколова",
    "Михайлова",
    "Новикова",
    "Фёдорова",
)
_NAMES = (
    "Анна",
    "Мария",
    "Елена",
    "Ольга",
    "Наталья",
    "Ирина",
    "Татьяна",
    "Светлана",
    "Екатерина",
    "Юлия",
)
_PATRONYMICS = ("Петровна", "Ивановна", "Сергеевна", "Андреевна", "Алексеевна", "Викторовна")
_CELL = re.compile(r'<c r="([A-Z]+)(\d+)" s="(\d+)"/>')
_SHEET_XML = "xl/worksheets/sheet1.xml"


# --- Set-up -----------------------------------------------------------------------------------


def _ingest(site: Site, uow: Callable[..., SqlUnitOfWork]) -> PassResult:
    """One intake pass with every capability's readers, as ``sgo ingest`` takes it."""
    return ingest_pass(Intake(site, uow, readers(), publishers(), NOW))


def _group_name(index: int) -> str:
    return f"Группа {index + 1:03d}"


def _teacher_login(index: int) -> str:
    return f"t{index + 1:03d}"


def _setup_forms(groups: int) -> list[tuple[FormKind, list[dict[str, object]]]]:
    """Staff (a head and one teacher per group), groups and pupils of the year 2025/2026."""
    staff: list[dict[str, object]] = [
        {
            "Табельный номер": "0001",
            "Фамилия": "Орлова",
            "Имя": "Вера",
            "Отчество": "Павловна",
            "Должность": "заведующий",
            "Дата приёма": date(2015, 8, 20),
            "Ставка": 1,
            "Логин": "head",
            "Роль": "заведующий",
        }
    ]
    categories = list(AGE_CATEGORIES)
    group_rows: list[dict[str, object]] = []
    for n in range(groups):
        number = f"1{n + 1:03d}"
        staff.append(
            {
                "Табельный номер": number,
                "Фамилия": _SURNAMES[n // len(_NAMES) % len(_SURNAMES)],
                "Имя": _NAMES[n % len(_NAMES)],
                "Отчество": _PATRONYMICS[n % len(_PATRONYMICS)],
                "Должность": "воспитатель",
                "Дата приёма": date(2020, 9, 1),
                "Ставка": 1,
                "Логин": _teacher_login(n),
                "Роль": "воспитатель",
            }
        )
        group_rows.append(
            {
                "Группа": _group_name(n),
                "Возрастная категория": categories[n % len(categories)],
                "Направленность": "общеразвивающая",
                "Площадь, м²": AREA_M2,
                "Воспитатели": number,
            }
        )
    names = [str(row["Группа"]) for row in group_rows]
    pupils = generate_pupil_rows(
        groups * PUPILS_PER_GROUP,
        names,
        seed=2025,
        categories={str(r["Группа"]): str(r["Возрастная категория"]) for r in group_rows},
        sizes=[PUPILS_PER_GROUP] * groups,
    )
    for row in pupils:  # the generator dates children for 2026/2027: make them a year older
        born = row["Дата рождения"]
        assert isinstance(born, date)
        row["Дата рождения"] = _year_earlier(born)
        row["Дата зачисления"] = YEAR_START
    return [(FormKind.STAFF, staff), (FormKind.GROUPS, group_rows), (FormKind.PUPILS, pupils)]


def _year_earlier(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _uow_factory(home: Path) -> tuple[Callable[[], SqlUnitOfWork], Callable[[], None]]:
    engine = make_engine(Site(home).default_database_url)
    return (partial(SqlUnitOfWork, engine)), engine.dispose


def set_up(home: Path, groups: int) -> None:
    """Initialise the site for 2025/2026 and take its staff, groups and pupils by intake."""
    site = Site(home)
    engine = make_engine(site.default_database_url)
    try:
        migrate(engine)
        init_site(site, SqlUnitOfWork(engine), INSTITUTION, YEAR)
        for kind, rows in _setup_forms(groups):
            spec = spec_of(kind)
            write_blank(spec, site.user_inbox("admin") / f"{spec.title}.xlsx", rows=rows)
        result = ingest_pass(
            Intake(site, partial(SqlUnitOfWork, engine), readers(), publishers(), NOW)
        )
        for receipt in result.receipts:
            assert receipt.verdict is Verdict.ACCEPTED, (receipt.file_name, receipt.problems[:5])
            assert not receipt.problems, (receipt.file_name, receipt.problems[:5])
    finally:
        engine.dispose()


def copy_site(source: Path, target: Path) -> Path:
    """A fresh copy of a site: its folders and its SQLite store."""
    shutil.copytree(source, target)
    return target


# --- The filled sheets ------------------------------------------------------------------------


@dataclass
class Sheets:
    """The filled sheets, whose teacher's login each belongs to, and what they hold."""

    paths: list[Path] = field(default_factory=list)
    logins: dict[Path, str] = field(default_factory=dict)
    marks: dict[Path, int] = field(default_factory=dict)
    open_cells: int = 0
    letters: dict[str, int] = field(default_factory=dict)

    @property
    def marked(self) -> int:
        """Absence marks over all sheets."""
        return sum(self.marks.values())


def _absences(blank: AttendanceBlank, rng: random.Random) -> dict[tuple[int, int], str]:
    """(row, column) → mark of a month: illness spells, parents' leave, single unexcused days."""
    month = blank.month.month
    illness = _ILLNESS.get(month, _ILLNESS_DEFAULT)
    leave = _LEAVE.get(month, _LEAVE_DEFAULT)
    working = [d.day for d in blank.days if d.working]
    cells: dict[tuple[int, int], str] = {}
    for index, pupil in enumerate(blank.pupils):
        in_group = set(pupil.in_group)
        spell, letter = 0, ""
        for day in working:
            if day not in in_group:
                continue
            if spell == 0:
                draw = rng.random()
                if draw < illness:
                    spell, letter = rng.randint(3, 7), "Б"
                elif draw < illness + leave:
                    spell, letter = rng.randint(3, 10), "О"
                elif draw < illness + leave + _UNEXCUSED:
                    spell, letter = 1, "Н"
            if spell:
                cells[(FIRST_PUPIL_ROW + index, FIRST_DAY_COLUMN + day.day - 1)] = letter
                spell -= 1
    return cells


def _letters(column: int) -> str:
    text = ""
    while column:
        column, rest = divmod(column - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


def fill_sheet(path: Path, cells: Mapping[tuple[int, int], str]) -> None:
    """Put marks into a written blank's sheet XML (the unlocked cells keep their style)."""
    refs = {f"{_letters(column)}{row}": mark for (row, column), mark in cells.items()}
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    found = 0

    def put(match: re.Match[str]) -> str:
        nonlocal found
        mark = refs.get(match.group(1) + match.group(2))
        if mark is None:
            return match.group(0)
        found += 1
        ref, style = match.group(1) + match.group(2), match.group(3)
        return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t>{mark}</t></is></c>'

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        for info, content in parts:
            if info.filename == _SHEET_XML:
                content = _CELL.sub(put, content.decode("utf-8")).encode("utf-8")
            target.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)
    assert found == len(refs), f"{path.name}: {found} of {len(refs)} cells found"


def generate_sheets(home: Path, out: Path, seed: int = 1) -> Sheets:
    """Every group's filled sheet of every month of the year, from its own blank."""
    rng = random.Random(seed)
    uow_factory, dispose = _uow_factory(home)
    try:
        with uow_factory() as uow:
            institution = uow.institution.get()
            name = institution.name if institution else ""
            groups = uow.groups.groups()
            teacher = {
                group: login
                for login in (u.login for u in uow.staff.users())
                for group in uow.staff.led_groups(login)
            }
            blanks = [
                attendance_blank(uow, group_month(uow, group, month), name)
                for group in groups
                for month in MONTHS
            ]
    finally:
        dispose()
    sheets = Sheets()
    for blank in blanks:
        assert len(blank.pupils) == PUPILS_PER_GROUP, (blank.group, len(blank.pupils))
        path = write_attendance_blank(blank, out / attendance_blank_name(blank))
        cells = _absences(blank, rng)
        fill_sheet(path, cells)
        sheets.paths.append(path)
        sheets.logins[path] = teacher[blank.group]
        sheets.marks[path] = len(cells)
        working = {d.day for d in blank.days if d.working}
        sheets.open_cells += sum(len(working & set(p.in_group)) for p in blank.pupils)
        for mark in cells.values():
            sheets.letters[mark] = sheets.letters.get(mark, 0) + 1
    return sheets


def drop(site: Site, sheets: Sheets, teachers: bool) -> None:
    """Copy the sheets into admin's inbox, or each into its group's teacher's inbox."""
    for path in sheets.paths:
        login = sheets.logins[path] if teachers else "admin"
        folder = site.user_inbox(login)
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, folder / path.name)


def check(result: PassResult, sheets: Sheets) -> None:
    """Every sheet accepted, with each of its marks stored."""
    assert len(result.receipts) == len(sheets.paths), len(result.receipts)
    refused = [r for r in result.receipts if r.verdict is not Verdict.ACCEPTED]
    assert not refused, [(r.file_name, r.reason, r.problems[:3]) for r in refused[:3]]
    by_name = {path.name: count for path, count in sheets.marks.items()}
    wrong = [r.file_name for r in result.receipts if r.created != by_name[r.file_name]]
    assert not wrong, wrong[:5]


# --- Runs -------------------------------------------------------------------------------------


def timed(work: Callable[[], T]) -> tuple[float, T]:
    """Seconds ``work`` took and its result."""
    started = time.perf_counter()
    value = work()
    return time.perf_counter() - started, value


def openpyxl_load(paths: Sequence[Path]) -> None:
    """Merely load each workbook with openpyxl."""
    for path in paths:
        load_workbook(path).close()


def service_run(home: Path, profile: bool) -> tuple[float, float, PassResult]:
    """One ``ingest_pass`` over the dropped sheets (optionally profiled): wall and CPU seconds."""
    uow_factory, dispose = _uow_factory(home)
    profiler = cProfile.Profile() if profile else None
    try:
        if profiler is not None:
            profiler.enable()
        cpu = time.process_time()
        seconds, result = timed(lambda: _ingest(Site(home), uow_factory))
        cpu = time.process_time() - cpu
        if profiler is not None:
            profiler.disable()
    finally:
        dispose()
    if profiler is not None:
        _print_profile(profiler, "ingest_pass")
    return seconds, cpu, result


def timesheets_run(home: Path, profile: bool) -> tuple[float, int, int]:
    """Render every group-month's timesheet and the monthly summaries."""
    uow_factory, dispose = _uow_factory(home)
    profiler = cProfile.Profile() if profile else None
    try:
        if profiler is not None:
            profiler.enable()
        seconds, records = timed(lambda: render_timesheets(Site(home), uow_factory))
        if profiler is not None:
            profiler.disable()
    finally:
        dispose()
    if profiler is not None:
        _print_profile(profiler, "render_timesheets")
    timesheets = sum(1 for r in records if r.kind == "timesheet")
    return seconds, timesheets, len(records) - timesheets


def _print_profile(profiler: cProfile.Profile, title: str, lines: int = 20) -> None:
    for order, where in (("cumulative", "sgo_model"), ("tottime", "")):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats(order).print_stats(where, lines)
        text = [line for line in out.getvalue().splitlines() if line.strip()]
        print(f"--- profile of {title} by {order} (the profiler slows it about 2×) ---")
        print("\n".join(text[-lines - 1 :]))


@dataclass
class FlowFigures:
    """Seconds of the flow run and of its parts as the flow saw them."""

    warm_up: float
    total: float
    parts: dict[str, float]
    summary: dict[str, Any]


class _Stopwatch:
    """Replaces module attributes by wrappers that add up the seconds of each call."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._undo: list[tuple[object, str, object]] = []

    def wrap(self, owner: object, attribute: str, label: str) -> None:
        original = getattr(owner, attribute)

        def timed_call(*args: object, **kwargs: object) -> object:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent = time.perf_counter() - started
                self.seconds[label] = self.seconds.get(label, 0.0) + spent

        self._undo.append((owner, attribute, original))
        setattr(owner, attribute, timed_call)

    def restore(self) -> None:
        for owner, attribute, original in reversed(self._undo):
            setattr(owner, attribute, original)
        self._undo.clear()


def flow_run(home: Path, sheets: Sheets, teachers: bool) -> FlowFigures:
    """``intake_flow`` over the dropped sheets under a temporary Prefect server."""
    from flows.environment import quiet_prefect

    quiet_prefect()
    from prefect.testing.utilities import prefect_test_harness

    import flows.intake as intake_module

    url = Site(home).default_database_url

    def run() -> dict[str, Any]:
        return intake_module.intake_flow(home=str(home), database_url=url, settle_seconds=0)

    print("  starting a temporary Prefect server (not timed) …", flush=True)
    with prefect_test_harness():
        warm_up, empty = timed(run)
        assert empty["files"] == 0, empty
        drop(Site(home), sheets, teachers)
        watch = _Stopwatch()
        watch.wrap(intake_module, "take_batch", "take_batch task")
        watch.wrap(intake_module, "ingest_pass", "ingest_pass in it")
        watch.wrap(intake_module, "refresh_documents", "refresh_documents task")
        watch.wrap(intake_module, "publish_pending", "refresh_documents in it")
        try:
            total, summary = timed(run)
        finally:
            watch.restore()
    assert summary["files"] == len(sheets.paths) == summary["accepted"], summary
    return FlowFigures(warm_up, total, watch.seconds, summary)


# --- Report -----------------------------------------------------------------------------------


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:7.1f}/s" if seconds > 0 else "      —"


def _verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def _line(label: str, seconds: float, note: str = "") -> None:
    print(f"  {label:<52} {seconds:7.2f} s  {note}".rstrip())


FLOW_PARTS = (
    "take_batch task",
    "ingest_pass in it",
    "refresh_documents task",
    "refresh_documents in it",
)


def main(argv: Sequence[str] | None = None) -> None:
    """Set up, generate the sheets, run the baseline, the service, timesheets and the flow."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--groups", type=int, default=100, help="groups of 25 pupils")
    parser.add_argument(
        "--teachers", action="store_true", help="drop each sheet in its teacher's inbox"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="service runs, each on a fresh copy (median kept)"
    )
    parser.add_argument("--no-flow", action="store_true", help="skip the Prefect flow run")
    parser.add_argument(
        "--profile", action="store_true", help="profile the (first) service run and the timesheets"
    )
    args = parser.parse_args(argv)
    files = args.groups * len(MONTHS)
    submitter = "each group's teacher" if args.teachers else "admin"
    print(
        f"Attendance of {YEAR}: {args.groups} groups × {PUPILS_PER_GROUP} pupils × "
        f"{len(MONTHS)} months = {files} sheets, submitted by {submitter}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        setup_s, _ = timed(lambda: set_up(root / "setup", args.groups))
        _line("set-up through intake (not in the targets)", setup_s)
        (root / "sheets").mkdir()
        generate_s, sheets = timed(lambda: generate_sheets(root / "setup", root / "sheets"))
        assert len(sheets.paths) == files
        letters = ", ".join(f"{k} {v}" for k, v in sorted(sheets.letters.items()))
        _line(
            f"generate {files} filled sheets (not in the targets)",
            generate_s,
            f"{generate_s / files * 1000:.1f} ms each",
        )
        print(
            f"    {sheets.marked} marks in {sheets.open_cells} open cells "
            f"({sheets.marked / sheets.open_cells:.1%}): {letters}"
        )

        baseline_s, _ = timed(lambda: openpyxl_load(sheets.paths))
        _line(f"openpyxl.load_workbook of the {files} files", baseline_s, _rate(files, baseline_s))

        runs: list[float] = []
        for n in range(max(args.repeat, 1)):
            home = copy_site(root / "setup", root / f"service-{n + 1}")
            drop(Site(home), sheets, args.teachers)
            seconds, cpu, result = service_run(home, args.profile and n == 0)
            check(result, sheets)
            runs.append(seconds)
            _line(
                f"service: ingest_pass (run {n + 1})",
                seconds,
                f"{_rate(files, seconds)}  ×{seconds / baseline_s:.2f} of openpyxl  "
                f"(CPU {cpu:.2f} s)",
            )
        service_s = statistics.median(runs)

        render_s, timesheets, summaries = timesheets_run(root / "service-1", args.profile)
        assert timesheets == files, timesheets
        _line(
            f"render_timesheets: {timesheets} timesheets + {summaries} summaries",
            render_s,
            _rate(timesheets, render_s),
        )

        flow: FlowFigures | None = None
        if not args.no_flow:
            flow = flow_run(copy_site(root / "setup", root / "flow"), sheets, args.teachers)
            _line("flow: warm-up run on an empty inbox (not counted)", flow.warm_up)
            _line("flow: intake_flow", flow.total)
            for label in FLOW_PARTS:
                _line(f"  {label}", flow.parts.get(label, 0.0))

    print()
    print("Summary (the flow's figures exclude the temporary Prefect server's start-up)")
    _line("set-up through intake", setup_s, "not in the targets")
    _line(f"generate {files} filled sheets", generate_s, "not in the targets")
    _line("openpyxl.load_workbook, merely reading", baseline_s, _rate(files, baseline_s))
    median = f"  (median of {len(runs)})" if len(runs) > 1 else ""
    _line(
        "service: ingest_pass",
        service_s,
        f"{_rate(files, service_s)}  ×{service_s / baseline_s:.2f} of openpyxl{median}",
    )
    _line("render_timesheets", render_s, f"{_rate(timesheets, render_s)} timesheets")
    waited = service_s + render_s
    _line(
        "service: intake + timesheets (what one waits for)",
        waited,
        f"{_rate(files, waited)}  (target < {INTAKE_TARGET_S:.0f} s: "
        f"{_verdict(waited < INTAKE_TARGET_S)})",
    )
    if flow is None:
        return
    intake_part = flow.parts.get("take_batch task", 0.0)
    inner = flow.parts.get("ingest_pass in it", 0.0)
    refresh_part = flow.parts.get("refresh_documents task", 0.0)
    refresh_inner = flow.parts.get("refresh_documents in it", 0.0)
    overhead = intake_part - service_s
    task_overhead = intake_part - inner
    orchestration = flow.total - inner - refresh_inner
    _line("flow: intake_flow, total", flow.total)
    _line(
        "flow: take-inbox-batch task (the intake part)",
        intake_part,
        f"{_rate(files, intake_part)}  ×{intake_part / baseline_s:.2f} of openpyxl",
    )
    _line("flow: ingest_pass inside that task", inner)
    _line("flow: refresh-documents task (timesheets and all)", refresh_part)
    flow_waited = intake_part + refresh_part
    _line(
        "flow: both tasks (what one waits for)",
        flow_waited,
        f"{_rate(files, flow_waited)}  (target < {INTAKE_TARGET_S:.0f} s: "
        f"{_verdict(flow_waited < INTAKE_TARGET_S)})",
    )
    _line(
        "overhead: intake part − service run (separate runs)",
        overhead,
        f"{overhead / intake_part:+.1%} of the intake part  "
        f"(target < {OVERHEAD_TARGET:.0%}: {_verdict(overhead / intake_part < OVERHEAD_TARGET)})",
    )
    _line(
        "overhead: intake part − ingest_pass inside it",
        task_overhead,
        f"{task_overhead / intake_part:.1%} of the intake part  (target < {OVERHEAD_TARGET:.0%}: "
        f"{_verdict(task_overhead / intake_part < OVERHEAD_TARGET)})",
    )
    _line(
        "orchestration: flow total − work inside its tasks",
        orchestration,
        f"{orchestration / flow.total:.1%} of the flow  (target < {OVERHEAD_TARGET:.0%}: "
        f"{_verdict(orchestration / flow.total < OVERHEAD_TARGET)})",
    )


if __name__ == "__main__":
    main()

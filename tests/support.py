"""Test support: an initialised site, and small filled forms of a fictional kindergarten."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NoReturn, TypeVar

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

from sgo_model.attendance.forms.model import MARKED_THROUGH_LABEL
from sgo_model.attendance.publish import prepare_blanks
from sgo_model.bootstrap import REPOSITORY_TEMPLATES, publishers, readers, spec_of
from sgo_model.domain.roles import FormKind
from sgo_model.forms.blanks import write_blank
from sgo_model.intake.journal import record_act
from sgo_model.intake.pipeline import Intake, IntakeOptions, PassResult, ingest_pass
from sgo_model.intake.publishing import PublishContext, Published, publish_pending
from sgo_model.intake.receipts import Receipt
from sgo_model.office.site import Site
from sgo_model.setup.service import init_site
from sgo_model.store.engine import make_engine, migrate
from sgo_model.store.uow import SqlUnitOfWork

T = TypeVar("T")

INSTITUTION = "МБДОУ «Детский сад № 5 «Берёзка»»"
TODAY = date(2026, 12, 1)
"""The day the tests take for today (the real clock never decides an assertion)."""

STAFF = [
    {
        "Табельный номер": "001",
        "Фамилия": "Смирнова",
        "Имя": "Ольга",
        "Отчество": "Петровна",
        "Должность": "заведующий",
        "Дата приёма": date(2015, 8, 20),
        "Ставка": 1,
        "Логин": "head",
        "Роль": "заведующий",
    },
    {
        "Табельный номер": "002",
        "Фамилия": "Кузнецова",
        "Имя": "Ирина",
        "Отчество": "Львовна",
        "Должность": "делопроизводитель",
        "Дата приёма": "01.09.2019",
        "Ставка": 1,
        "Логин": "clerk",
        "Роль": "делопроизводитель",
    },
    {
        "Табельный номер": "003",
        "Фамилия": "Орлова",
        "Имя": "Мария",
        "Отчество": "Ивановна",
        "Должность": "старший воспитатель",
        "Логин": "methodist",
        "Роль": "старший воспитатель",
    },
    {
        "Табельный номер": "004",
        "Фамилия": "Попова",
        "Имя": "Анна",
        "Отчество": "Сергеевна",
        "Должность": "воспитатель",
        "Ставка": "1,25",
        "Логин": "popova",
        "Роль": "воспитатель",
    },
    {
        "Табельный номер": "005",
        "Фамилия": "Волкова",
        "Имя": "Елена",
        "Отчество": "Андреевна",
        "Должность": "воспитатель",
        "Логин": "volkova",
        "Роль": "воспитатель",
    },
    {
        "Табельный номер": "006",
        "Фамилия": "Лебедев",
        "Имя": "Пётр",
        "Отчество": "Ильич",
        "Должность": "музыкальный руководитель",
        "Ставка": 0.5,
        "Логин": "music",
        "Роль": "специалист",
    },
    {
        "Табельный номер": "007",
        "Фамилия": "Козлова",
        "Имя": "Нина",
        "Отчество": "Павловна",
        "Должность": "помощник воспитателя",
    },
]
PROFILES = [
    {
        "Профиль": "Основная образовательная программа",
        "Направленность": "общеразвивающая",
        "Описание": "ОП ДО по ФОП ДО",
    },
]
LIMITS = [
    {
        "Возрастная категория": "средняя",
        "Длительность занятия, мин": 20,
        "Нагрузка в день, мин": 40,
        "Занятий в неделю": 10,
    },
    {
        "Возрастная категория": "вторая младшая",
        "Длительность занятия, мин": 15,
        "Нагрузка в день, мин": 30,
        "Занятий в неделю": 10,
    },
]
GROUPS = [
    {
        "Группа": "Ромашка",
        "Возрастная категория": "средняя",
        "Направленность": "общеразвивающая",
        "Площадь, м²": 50.5,
        "Воспитатели": "004; Волкова Елена Андреевна",
        "Профиль": "Основная образовательная программа",
    },
    {
        "Группа": "Солнышко",
        "Возрастная категория": "вторая младшая",
        "Направленность": "общеразвивающая",
        "Площадь, м²": "6,0",
        "Воспитатели": "005",
    },
]
PUPILS = [
    {
        "Фамилия": "Иванова",
        "Имя": "Мария",
        "Отчество": "Сергеевна",
        "Пол": "ж",
        "Дата рождения": date(2022, 3, 12),
        "Группа": "Ромашка",
        "Дата зачисления": "01.09.2026",
        "Адрес": "г. Энск, ул. Садовая, д. 1",
        "Родитель (законный представитель)": "Иванова Анна Петровна",
        "Телефон": "+7 900 111-22-33",
    },
    {
        "Фамилия": "Кузьмин",
        "Имя": "Илья",
        "Отчество": "Кузьмич",
        "Пол": "м",
        "Дата рождения": "05.07.2021",
        "Группа": "Ромашка",
        "Дата зачисления": date(2024, 9, 2),
    },
    {
        "Фамилия": "Никитина",
        "Имя": "Любовь",
        "Отчество": "Никитична",
        "Дата рождения": date(2022, 1, 30),
        "Группа": "Ромашка",
        "Дата зачисления": "01.09.2026",
    },
    {
        "Фамилия": "Ли",
        "Имя": "Анна-Мария",
        "Пол": "ж",
        "Дата рождения": date(2023, 5, 2),
        "Группа": "Солнышко",
        "Дата зачисления": "01.09.2026",
        "Родитель (законный представитель)": "Ли Вэй; Ли Ольга Андреевна",
        "Телефон": "+7 900 000-00-01; +7 900 000-00-02",
    },
    {
        "Фамилия": "Шевчук",
        "Имя": "Павел",
        "Отчество": "Олегович",
        "Пол": "м",
        "Дата рождения": date(2023, 2, 14),
        "Группа": "Солнышко",
        "Дата зачисления": "01.09.2026",
    },
]
JOINS_MID_NOVEMBER = {
    "Вид": "зачисление",
    "Фамилия": "Белова",
    "Имя": "Вера",
    "Отчество": "Олеговна",
    "Дата рождения": date(2022, 2, 2),
    "Дата": date(2026, 11, 16),
    "В группу": "Ромашка",
}
"""A movement row: a girl who joins «Ромашка» on Monday 16 November 2026."""
NOD = [
    {
        "Группа": "Ромашка",
        "Вид НОД": "Развитие речи",
        "Образовательная область": "речевое развитие",
        "Занятий в неделю": 2,
        "Педагог": "004",
        "Помещение": "групповая",
    },
    {
        "Группа": "Ромашка",
        "Вид НОД": "Музыка",
        "Образовательная область": "художественно-эстетическое развитие",
        "Занятий в неделю": 2,
        "Педагог": "Лебедев Пётр Ильич",
        "Помещение": "музыкальный зал",
    },
    {
        "Группа": "Солнышко",
        "Вид НОД": "Лепка",
        "Образовательная область": "художественно-эстетическое",
        "Занятий в неделю": 1,
    },
]

SETUP: list[tuple[str, FormKind, list[dict[str, object]]]] = [
    ("admin", FormKind.STAFF, STAFF),
    ("methodist", FormKind.PROFILES, PROFILES),
    ("methodist", FormKind.LOAD_LIMITS, LIMITS),
    ("clerk", FormKind.GROUPS, GROUPS),
    ("clerk", FormKind.PUPILS, PUPILS),
    ("methodist", FormKind.NOD_KINDS, NOD),
]


CI = os.environ.get("CI", "").strip().lower() == "true"
"""Under CI every check must run: what a check needs and cannot find is a failure there."""

DOCUMENT_TOOLS = ("soffice", "pdftotext", "pdfinfo", "pdftoppm")
"""What the ``soffice`` marker's checks use: LibreOffice, and poppler-utils to read the PDFs."""


def unavailable(reason: str, *, required: bool = False) -> NoReturn:
    """Stop a check that cannot run here: a failure when it is ``required`` or under CI
    (``CI=true``), otherwise a skip that says why. The one place that decides."""
    if CI:
        pytest.fail(f"{reason} (CI=true: every check must run)", pytrace=False)
    if required:
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def require_tools(*names: str) -> dict[str, str]:
    """The paths of the named programs; :func:`unavailable` if any is missing."""
    found = {name: shutil.which(name) for name in names}
    missing = [name for name, path in found.items() if path is None]
    if missing:
        unavailable(
            f"not installed: {', '.join(missing)} (LibreOffice and poppler-utils; .ci/run "
            "installs them)"
        )
    return {name: path for name, path in found.items() if path is not None}


def convert_to_pdf(tmp_path: Path, *files: Path) -> list[Path]:
    """Convert files to PDF with LibreOffice into ``tmp_path / "pdf"`` (see :func:`unavailable`
    for a machine without it).

    A private profile under ``tmp_path`` keeps parallel conversions apart. The PDFs come back
    in the order the files were given.
    """
    soffice = require_tools("soffice")["soffice"]
    outdir = tmp_path / "pdf"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdfs = [outdir / f"{file.stem}.pdf" for file in files]
    for pdf in pdfs:
        assert pdf.exists(), pdf
        assert pdf.read_bytes().startswith(b"%PDF"), pdf
    return pdfs


def pdf_layout(pdf: Path) -> list[str]:
    """The text of each page of a PDF as laid out (``pdftotext -layout``), empty pages too."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each non-empty page of a PDF, runs of white space as one."""
    return [" ".join(page.split()) for page in pdf_layout(pdf) if page.strip()]


def pdf_page_size(pdf: Path) -> tuple[float, float, str]:
    """Width and height in points of a PDF's first page, and its paper name (``A4``)."""
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts(?: \((\w+)\))?", info.stdout)
    assert size is not None, info.stdout
    return float(size[1]), float(size[2]), size[3] or ""


def png_size(path: Path) -> tuple[int, int]:
    """Width and height of a PNG image, from its header."""
    header = path.read_bytes()[:24]
    assert header.startswith(b"\x89PNG\r\n\x1a\n"), path
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")


def settle(path: Path, seconds_ago: float = 30.0) -> Path:
    """Make a file look as if it was dropped a while ago."""
    stamp = time.time() - seconds_ago
    os.utime(path, (stamp, stamp))
    return path


@dataclass
class SiteHarness:
    """An initialised site with its store."""

    site: Site
    url: str
    engine: Engine
    today: date = TODAY

    @classmethod
    def create(cls, home: Path, url: str) -> SiteHarness:
        """Create the site, migrate the store and run ``init``."""
        engine = make_engine(url)
        migrate(engine)
        site = Site(home)
        init_site(site, SqlUnitOfWork(engine), INSTITUTION, "2026/2027")
        record_act(site, "init", institution=INSTITUTION, year="2026/2027", admin="admin")
        return cls(site, url, engine)

    def uow(self, *, read_only: bool = False) -> SqlUnitOfWork:
        """A new unit of work."""
        return SqlUnitOfWork(self.engine, read_only=read_only)

    def intake(self, **options: float) -> Intake:
        """The site's intake with every capability's readers and publishers."""
        return Intake(
            self.site,
            self.uow,
            readers(),
            publishers(),
            IntakeOptions(
                settle_seconds=options.get("settle", 0.0),
                claim_ttl_seconds=options.get("claim_ttl", 600.0),
            ),
            lambda: self.today,
        )

    def drop(
        self,
        login: str,
        kind: FormKind,
        rows: Sequence[Mapping[str, object]],
        name: str | None = None,
        *,
        age: float = 30.0,
    ) -> Path:
        """Fill a blank form and drop it into a user's inbox."""
        spec = spec_of(kind)
        path = self.site.user_inbox(login) / (name or f"{spec.title}.xlsx")
        write_blank(spec, path, rows=rows)
        return settle(path, age)

    def drop_setup(self, upto: FormKind | None = None) -> None:
        """Drop the whole small kindergarten (or its forms up to a kind)."""
        for index, (login, kind, rows) in enumerate(SETUP):
            self.drop(login, kind, rows, age=60 - index)
            if kind is upto:
                break

    def ingest(self, **options: float) -> PassResult:
        """One intake pass with no settling delay."""
        return ingest_pass(self.intake(**options))

    def publish(self, today: date | None = None) -> Published:
        """Regenerate the documents the applied files asked for."""
        context = PublishContext(self.site, self.uow, REPOSITORY_TEMPLATES, today or self.today)
        return publish_pending(publishers(), context)

    def submit_attendance(
        self,
        login: str,
        group: str,
        month: date,
        marks: Mapping[str, Mapping[int, str]] | None = None,
        stated: object = None,
    ) -> Receipt:
        """Fill a group's blank of a month (pupil, by the start of the name → day → mark, and
        the «Отметки внесены по» cell when ``stated``), drop it into a user's inbox and take it
        in; the receipt."""
        folder = self.site.home / "бланки"
        (blank,) = [p for p in prepare_blanks(self.uow, month, out=folder) if group in p.name]
        workbook = load_workbook(blank)
        sheet = workbook.worksheets[0]
        rows = {
            str(sheet.cell(row, 2).value): row for row in range(9, 60) if sheet.cell(row, 1).value
        }
        for name, days in (marks or {}).items():
            (row,) = [r for full, r in rows.items() if full.startswith(name)]
            for day, mark in days.items():
                sheet.cell(row, 3 + day).value = mark  # column D is the 1st
        if stated is not None:
            (label,) = [r for r in range(9, 70) if sheet.cell(r, 2).value == MARKED_THROUGH_LABEL]
            sheet.cell(label, 3).value = stated
        path = (
            self.site.user_inbox(login) / f"{group} {month:%Y-%m} {len(self.receipts(login))}.xlsx"
        )
        workbook.save(path)
        settle(path)
        (receipt,) = self.ingest().receipts
        return receipt

    def sign_order(self, number: str) -> Receipt:
        """The head signs an order by dropping its scan («Приказ 1-д.pdf»); the receipt."""
        scan = self.site.user_inbox("head") / f"Приказ {number}.pdf"
        scan.write_bytes(f"%PDF-1.4\n% signed scan of {number}\n".encode())
        settle(scan)
        (receipt,) = self.ingest().receipts
        return receipt

    def receipts(self, login: str, folder: str = "*") -> list[Path]:
        """Receipt files in a user's answer folders."""
        return sorted(self.site.user_inbox(login).glob(f"{folder}/*.квитанция.txt"))

    def close(self) -> None:
        """Release the engine."""
        self.engine.dispose()


def sgo_command() -> str:
    """The installed ``sgo`` command, for tests that run it as users do."""
    beside = Path(sys.executable).with_name("sgo")
    found = str(beside) if beside.exists() else shutil.which("sgo")
    if found is None:
        unavailable("the sgo command is not installed (make install)")
    return found


def wait_for(what: str, timeout: float, found: Callable[[], T]) -> T:
    """``found()`` once it is truthy; the test fails naming ``what`` after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = found()
        if result:
            return result
        time.sleep(0.1)
    pytest.fail(f"waited {timeout:.0f} s for {what}")


def run_sgo(harness: SiteHarness, *args: str) -> tuple[int, str]:
    """Run ``sgo`` in-process on the harness's site and store: exit code and output."""
    from typer.testing import CliRunner

    from flows.cli import app

    result = CliRunner().invoke(
        app, [*args, "--home", str(harness.site.home)], env={"SGO_DATABASE_URL": harness.url}
    )
    return result.exit_code, result.output


def latest_artifact(key: str) -> str:
    """The data of the newest Prefect artifact with this key (under ``prefect_harness``)."""
    import asyncio

    from prefect.client.orchestration import get_client

    async def read() -> str:
        async with get_client() as client:
            found = await client.read_latest_artifacts()
            return next(str(a.data) for a in found if a.key == key)

    return asyncio.run(read())

"""``sgo serve`` end to end: a dropped staff list is accepted by a served Prefect run."""

from __future__ import annotations

import json
import re
import signal
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from support import SiteHarness, sgo_command, unavailable, wait_for

from flows.serve.deployments import site_parameters
from sgo_model.bootstrap import Settings, spec_of
from sgo_model.domain.roles import FormKind
from sgo_model.forms.blanks import write_blank
from sgo_model.setup.service import set_setting

STAFF_ROW = {
    "Табельный номер": "001",
    "Фамилия": "Иванова",
    "Имя": "Мария",
    "Отчество": "Петровна",
    "Должность": "Заведующий",
    "Дата приёма": "01.09.2020",
    "Ставка": 1,
    "Логин": "ivanova",
    "Роль": "заведующий",
}


def _can_listen_on_localhost() -> bool:
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind(("127.0.0.1", 0))
            probe.listen()
    except OSError:
        return False
    return True


@pytest.fixture
def site(tmp_path: Path, environment: dict[str, str]) -> Path:
    home = tmp_path / "H"
    home.mkdir()
    init = ["init", "--institution", "Детский сад № 1", "--year", "2026/2027"]
    subprocess.run(
        [sgo_command(), *init, "--home", str(home)],
        env=environment,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return home


@pytest.fixture
def serving(
    tmp_path: Path, site: Path, environment: dict[str, str]
) -> Iterator[tuple[subprocess.Popen[bytes], Path, Path]]:
    if not _can_listen_on_localhost():
        unavailable("cannot bind a port on 127.0.0.1 for the Prefect server")
    out, err = tmp_path / "serve.out", tmp_path / "serve.err"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(
            [sgo_command(), "serve", "--home", str(site), "--settle", "1", "--rescan", "5"],
            env=environment,
            stdout=stdout,
            stderr=stderr,
        )
    try:
        yield process, out, err
    finally:
        if process.poll() is None:
            # SIGTERM shuts down cleanly, so the server subprocess is not left behind.
            process.terminate()
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.mark.skipif(
    sys.platform == "win32", reason="sends SIGINT, which Windows processes cannot receive"
)
def test_serve_accepts_a_dropped_staff_list_and_stops_cleanly_on_ctrl_c(
    site: Path, serving: tuple[subprocess.Popen[bytes], Path, Path], environment: dict[str, str]
) -> None:
    # The server keeps this site's runs in the site's own folder, not the user's home.
    prefect_home = site / ".prefect"
    assert prefect_home != Path(environment["PREFECT_HOME"])
    process, out, err = serving

    def ui_address() -> str | None:
        if process.poll() is not None:
            pytest.fail(f"sgo serve exited early:\n{err.read_text()}\n{out.read_text()}")
        text = out.read_text(encoding="utf-8")
        match = re.search(r"Prefect UI: (http://\S+)", text)
        return match.group(1) if match and "Watching" in text else None

    wait_for("the server and the watcher to start", 120, ui_address)
    admin = site / "inbox" / "admin"
    write_blank(spec_of(FormKind.STAFF), admin / "Сотрудники.xlsx", rows=[STAFF_ROW])

    receipt = wait_for(
        "the receipt",
        120,
        lambda: next(iter((admin / "accepted").glob("*.квитанция.txt")), None),
    )
    assert "ПРИНЯТ" in receipt.read_text(encoding="utf-8")

    # At once, while the run may still be finishing: Ctrl-C lets it end before stopping.
    process.send_signal(signal.SIGINT)
    assert process.wait(60) == 0
    stderr = err.read_text(encoding="utf-8")
    assert "Traceback" not in stderr, stderr
    assert "ERROR" not in stderr, stderr
    printed = out.read_text(encoding="utf-8")
    assert printed.rstrip().endswith("Stopped.")
    assert re.search(r"\d\d:\d\d:\d\d Приём: 1 файл, принят 1\n", printed), printed

    # The server is gone, so its SQLite database is read directly.
    with closing(sqlite3.connect(prefect_home / "prefect.db")) as db:
        runs = db.execute(
            "SELECT r.state_type FROM flow_run r JOIN flow f ON f.id = r.flow_id "
            "WHERE f.name = 'sgo-intake'"
        ).fetchall()
        artifacts = db.execute("SELECT data FROM artifact WHERE key = 'intake-receipts'").fetchall()
    assert runs == [("COMPLETED",)]
    rows = [row for (data,) in artifacts for row in json.loads(json.loads(data))]
    assert [row["Файл"] for row in rows] == ["Сотрудники.xlsx"]


def test_deployment_parameters_never_show_a_database_password(tmp_path: Path) -> None:
    with_password = Settings(tmp_path, "postgresql+psycopg://sgo:secret@db/sgo", tmp_path)
    embedded = Settings(tmp_path, f"sqlite:///{tmp_path / 'sgo.db'}", tmp_path)

    assert site_parameters(with_password)["database_url"].unfreeze() is None
    shown = {key: value.unfreeze() for key, value in site_parameters(embedded).items()}
    assert shown == {"home": str(tmp_path), "database_url": embedded.database_url}


def test_the_site_of_a_served_run_cannot_be_typed_in_the_ui(
    sqlite_harness: SiteHarness, prefect_harness: None
) -> None:
    from prefect.deployments import run_deployment

    from flows.serve.deployments import served_deployments

    harness = sqlite_harness
    settings = Settings(harness.site.home, harness.url, harness.site.home)
    intake = next(d for d in served_deployments(settings, 1.0) if d.name == "intake")
    schema = intake._parameter_openapi_schema.properties
    assert schema["home"]["readOnly"] is True
    assert schema["home"]["enum"] == [str(harness.site.home)]
    assert intake.parameters["home"] == str(harness.site.home)
    intake.apply()

    # The UI's form is checked against the schema by the server: another folder is refused
    # before any run exists.
    with pytest.raises(Exception, match="home"):
        run_deployment("sgo-intake/intake", parameters={"home": "/tmp/elsewhere"}, timeout=0)


class _Runner:
    """Stands in for the Prefect runner of ``sgo serve``: keeps the deployments it is given."""

    def __init__(self) -> None:
        self.deployments: list[Any] = []
        self.started = False

    def add_deployment(self, deployment: Any) -> None:
        self.deployments.append(deployment)

    async def start(self) -> None:
        """Return at once instead of serving until Ctrl-C."""

    def has_slots_available(self) -> bool:
        return True


class _Watcher:
    """Stands in for the inbox watcher."""

    def __init__(self, site: object, **options: object) -> None:
        self.options = options

    def start(self) -> None:
        """Nothing to watch."""

    def stop(self) -> None:
        """Nothing to stop."""


def test_serve_registers_the_intake_the_monthly_blanks_and_the_schedule(
    sqlite_harness: SiteHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flows.serve.site as serving

    runner = _Runner()
    monkeypatch.setattr(serving, "graceful_runner", lambda stop: runner)
    monkeypatch.setattr(serving, "InboxWatcher", _Watcher)
    home = sqlite_harness.site.home
    settings = Settings(home, sqlite_harness.url, home / "templates")

    serving._serve(settings, False, 1.0, 5.0, "http://127.0.0.1:4200")

    assert [(d.flow_name, d.name) for d in runner.deployments] == [
        ("sgo-intake", "intake"),
        ("sgo-attendance-blanks", "monthly"),
        ("sgo-schedule", "Построить расписание НОД"),
        ("sgo-monitoring", "Мониторинг качества образования"),
        ("sgo-reminders", "daily"),
        ("sgo-notices", "Уведомления семьям"),
        ("sgo-authority-package", "Отчёт в орган управления образованием"),
        ("sgo-authority-aggregate", "Свод отчётов учреждений"),
        ("sgo-year-close", "Закрытие учебного года"),
    ]


def _blanks_deployment(settings: Settings) -> Any:
    from flows.serve.deployments import served_deployments

    (blanks,) = [d for d in served_deployments(settings, 1.0) if d.name == "monthly"]
    return blanks


def test_the_monthly_blanks_are_scheduled_daily_and_a_run_writes_them_when_due(
    sqlite_harness: SiteHarness, prefect_harness: None
) -> None:
    from prefect.flows import load_flow_from_entrypoint

    harness = sqlite_harness
    harness.drop_setup()
    assert len(harness.ingest().accepted) == 6
    blanks = _blanks_deployment(Settings(harness.site.home, harness.url, harness.site.home))

    assert blanks.entrypoint == "flows.attendance.attendance_blanks_flow"
    assert blanks.parameters == {"home": str(harness.site.home), "database_url": harness.url}
    (schedule,) = blanks.schedules
    assert (schedule.schedule.cron, schedule.active) == ("0 7 * * *", True)  # daily at 07:00

    # What a scheduled run does, day by day: the flow decides whether the blanks are due.
    flow = load_flow_from_entrypoint(blanks.entrypoint)
    inbox = harness.site.inbox
    for day, written in (
        (date(2026, 11, 1), []),  # a Sunday: not yet
        (
            date(2026, 11, 2),  # the month's first working day
            [
                "popova/бланки/Посещаемость Ромашка 2026-11.xlsx",
                "volkova/бланки/Посещаемость Ромашка 2026-11.xlsx",
                "volkova/бланки/Посещаемость Солнышко 2026-11.xlsx",
            ],
        ),
        (date(2026, 11, 3), []),  # done already
    ):
        result = flow(**blanks.parameters, today=day)
        assert sorted(Path(p).relative_to(inbox).as_posix() for p in result["paths"]) == written


def test_the_daily_blanks_run_at_seven_in_the_kindergartens_time_zone(
    sqlite_harness: SiteHarness,
) -> None:
    site = Settings(sqlite_harness.site.home, sqlite_harness.url, sqlite_harness.site.home)
    (schedule,) = _blanks_deployment(site).schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == ("0 7 * * *", "Europe/Moscow")
    with sqlite_harness.uow() as uow:
        set_setting(uow, "time_zone", "Asia/Vladivostok")
        uow.commit()
    (schedule,) = _blanks_deployment(site).schedules
    assert schedule.schedule.timezone == "Asia/Vladivostok"

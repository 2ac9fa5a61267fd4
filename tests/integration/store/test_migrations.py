"""Migrations keep stored data: 0005 fills what each attendance version covers and numbers
the timesheets of the group-months submitted before it; 0006 adds conditions and keeps rows;
0007 adds the schedule's tables; 0009 adds the groups' mode of stay and the outbox; 0010 the
closing of years; 0012 gives the versions of the schedule their school year."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, select, update
from support import SiteHarness

from sgo_model.domain.conditions import default_caps
from sgo_model.domain.roles import FormKind
from sgo_model.intake.receipts import Verdict
from sgo_model.schedule.service import build_schedule
from sgo_model.store.engine import MIGRATIONS, migrate, schema_revision
from sgo_model.store.tables import attendance_versions, counters, metadata, pupils

NOVEMBER = date(2026, 11, 1)


def _alembic(harness: SiteHarness) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = harness.engine
    return config


def test_0005_backfills_coverage_and_timesheet_numbers(harness: SiteHarness) -> None:
    harness.drop_setup(upto=FormKind.PUPILS)
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    harness.submit_attendance("volkova", "Солнышко", NOVEMBER)
    harness.submit_attendance("popova", "Ромашка", NOVEMBER, {"Иванова": {12: "Б"}})
    with harness.engine.begin() as connection:
        # Солнышко's sheet came after the month; Ромашка's on the 12th, marking the 12th.
        connection.execute(
            update(attendance_versions).values(created_at=datetime(2026, 12, 3, 9, 0, tzinfo=UTC))
        )
        connection.execute(
            update(attendance_versions)
            .where(attendance_versions.c.timesheet_number == 2)
            .values(created_at=datetime(2026, 11, 12, 9, 0, tzinfo=UTC))
        )

    command.downgrade(_alembic(harness), "0004")
    assert schema_revision(harness.engine) == "0004"
    migrate(harness.engine)

    with harness.engine.connect() as connection:
        rows = connection.execute(
            select(
                attendance_versions.c.group_id,
                attendance_versions.c.covered_through,
                attendance_versions.c.timesheet_number,
            ).order_by(attendance_versions.c.timesheet_number)
        ).all()
        counter = connection.execute(
            select(counters.c.value).where(counters.c.name == "timesheet", counters.c.year == 2026)
        ).scalar_one()
    # Ромашка came first and covers the days before it came and the day it marks; Солнышко
    # came after the month and covers all of it. The numbers follow the order they came in.
    assert [(covered, number) for _, covered, number in rows] == [
        (date(2026, 11, 12), 1),
        (date(2026, 11, 30), 2),
    ]
    assert counter == 2


def test_0006_adds_conditions_and_the_caps_table_keeping_every_row(harness: SiteHarness) -> None:
    harness.drop_setup(upto=FormKind.PUPILS)
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    with harness.engine.connect() as connection:
        before = connection.execute(select(pupils.c.id).order_by(pupils.c.id)).scalars().all()

    command.downgrade(_alembic(harness), "0005")
    assert schema_revision(harness.engine) == "0005"
    with harness.engine.connect() as connection:
        assert "condition_caps" not in inspect(connection).get_table_names()
    migrate(harness.engine)

    with harness.engine.connect() as connection:
        rows = connection.execute(select(pupils.c.id, pupils.c.condition)).all()
        assert "condition" in {c["name"] for c in inspect(connection).get_columns("groups")}
    assert [pupil for pupil, _ in rows] == before
    assert {condition for _, condition in rows} == {None}
    with harness.uow(read_only=True) as uow:
        assert uow.groups.condition_caps() == default_caps()


def test_0007_adds_the_schedule_tables_and_a_week_can_be_built_after_it(
    harness: SiteHarness,
) -> None:
    harness.drop_setup()
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    assert build_schedule(harness.uow(), time_limit=0.5).built

    command.downgrade(_alembic(harness), "0006")
    assert schema_revision(harness.engine) == "0006"
    with harness.engine.connect() as connection:
        names = set(inspect(connection).get_table_names())
    assert not names & {"schedule_versions", "schedule_slots", "schedule_conditions"}
    migrate(harness.engine)

    with harness.uow(read_only=True) as uow:
        assert uow.schedule.versions() == [] and uow.schedule.conditions() == []
        assert len(uow.groups.groups()) == 2
    result = build_schedule(harness.uow(), time_limit=0.5)
    assert result.version is not None and result.version.number == 1


def test_0009_adds_the_mode_of_stay_and_the_outbox_and_keeps_the_groups(
    harness: SiteHarness,
) -> None:
    from sgo_model.domain.stay import StayMode

    harness.drop_setup(upto=FormKind.GROUPS)
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}

    command.downgrade(_alembic(harness), "0008")
    assert schema_revision(harness.engine) == "0008"
    with harness.engine.connect() as connection:
        assert "report_packages" not in inspect(connection).get_table_names()
        assert "stay_mode" not in {c["name"] for c in inspect(connection).get_columns("groups")}
    migrate(harness.engine)

    with harness.uow(read_only=True) as uow:
        groups = uow.groups.groups()
        assert [g.name for g in groups] == ["Ромашка", "Солнышко"]
        assert {g.stay_mode for g in groups} == {StayMode.FULL}
        assert uow.packages.all() == []


def test_0010_adds_the_closing_of_years_and_a_year_closes_after_it(
    harness: SiteHarness,
) -> None:
    from sgo_model.domain.calendar import AcademicYear
    from sgo_model.year_end.closing import close_year

    harness.drop_setup(upto=FormKind.PUPILS)
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}

    command.downgrade(_alembic(harness), "0009")
    assert schema_revision(harness.engine) == "0009"
    with harness.engine.connect() as connection:
        names = set(inspect(connection).get_table_names())
    assert not names & {"year_closures", "year_close_steps", "year_actions"}
    migrate(harness.engine)

    result = close_year(
        harness.uow, harness.site, AcademicYear(2026), "admin", date(2027, 8, 31),
        override="проверка миграции",
    )  # fmt: skip
    assert "archive" in result.done
    with harness.uow(read_only=True) as uow:
        assert [a.action for a in uow.years.actions()] == ["override", "closed"]


def test_0012_gives_the_schedule_versions_their_year_and_a_new_year_starts_without_one(
    harness: SiteHarness,
) -> None:
    from sgo_model.domain.calendar import AcademicYear
    from sgo_model.year_end.closing import close_year

    harness.drop_setup()
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    command.downgrade(_alembic(harness), "0011")
    assert "year_id" not in {
        c["name"] for c in inspect(harness.engine).get_columns("schedule_versions")
    }
    with harness.engine.begin() as connection:  # a version made before 0012
        connection.exec_driver_sql(
            "INSERT INTO schedule_versions (number, source, created_at, inputs_sha256) "
            "VALUES (1, 'solver', '2026-09-01 10:00:00', 'x')"
        )
    migrate(harness.engine)

    with harness.uow(read_only=True) as uow:
        assert [v.number for v in uow.schedule.versions()] == [1]
    assert build_schedule(harness.uow(), time_limit=0.5).version.number == 2  # type: ignore[union-attr]
    close_year(
        harness.uow, harness.site, AcademicYear(2026), "admin", date(2027, 8, 31),
        override="проверка миграции",
    )  # fmt: skip
    with harness.uow(read_only=True) as uow:
        assert uow.schedule.versions() == [] and uow.schedule.approved() is None
    result = build_schedule(harness.uow(), time_limit=0.5)
    assert result.version is not None and result.version.number == 1  # numbered afresh


def test_the_migrated_schema_is_the_schema_the_code_declares(tmp_path: Path) -> None:
    """Every table, column, index and constraint of ``store.tables`` is what the migrations
    create, and nothing more: a table added to the code without its migration fails here."""
    engine = create_engine(f"sqlite:///{tmp_path / 'store.db'}")
    migrate(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        differences = compare_metadata(context, metadata)
    engine.dispose()
    assert differences == []

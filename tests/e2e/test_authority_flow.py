"""The Prefect flows of reports to the authority: «Отчёт в орган управления образованием»
packages and sends (or refuses, saying why), «Свод отчётов учреждений» consolidates; both
show what they did as artifacts."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from support import SiteHarness, latest_artifact

from sgo_model.authority.kinds import ReportKind, template_path
from sgo_model.bootstrap import REPOSITORY_TEMPLATES
from sgo_model.demo.authority import neighbour_report, neighbours, send_neighbour_package
from sgo_model.intake.receipts import Verdict
from sgo_model.setup.service import set_setting

pytestmark = pytest.mark.usefixtures("prefect_harness")


def test_the_flows_package_send_and_consolidate(
    sqlite_harness: SiteHarness, tmp_path: Path
) -> None:
    from flows.authority import authority_aggregate_flow, authority_package_flow

    harness = sqlite_harness
    harness.drop_setup()
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    inbox = tmp_path / "uo" / "Входящие"
    with harness.uow() as uow:
        set_setting(uow, "inn", "6312000005")
        set_setting(uow, "authority_inbox", str(inbox))
        uow.commit()
    where = {"home": str(harness.site.home), "database_url": harness.url}

    refused = authority_package_flow(**where, kind="85k", period="2026")
    assert not refused["prepared"] and "данные неполные" in refused["reason"]
    assert "Отчёт не подготовлен" in latest_artifact("authority-package")

    done = authority_package_flow(**where, kind="85k", period="2026", preliminary=True, send=True)
    assert done["prepared"] and done["preliminary"]
    assert Path(done["sent"]).parent == inbox / "6312000005"
    figures = json.loads(latest_artifact("authority-figures"))
    (pupils,) = [row for row in figures if row["Строка"] == "701"]
    assert pupils["гр. 3"] == "5"
    assert "пакет № 1 (предварительные данные)" in latest_artifact("authority-package")

    template = json.loads(
        template_path(REPOSITORY_TEMPLATES, ReportKind.FORM_85K).read_text(encoding="utf-8")
    )
    (neighbour,) = neighbours(1, seed=3)
    report = neighbour_report(neighbour, template, "2026", date(2027, 1, 12), 64, 3, [])
    send_neighbour_package(report, inbox, datetime(2027, 1, 12, tzinfo=UTC))

    summary = authority_aggregate_flow(inbox=str(inbox), period="2026", home=str(tmp_path / "uo"))
    assert summary["written"] and sorted(summary["accepted"]) == sorted(
        ["6312000005", neighbour.institution.inn]
    )
    assert (
        Path(summary["summary"]) == tmp_path / "uo" / "documents" / "Своды" / "Свод 85-К 2026.xlsx"
    )
    packages = json.loads(latest_artifact("authority-packages"))
    assert {row["Состояние"] for row in packages} == {"принят"}
    assert "2 учреждения" in latest_artifact("authority-summary")

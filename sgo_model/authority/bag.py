"""A report package as a BagIt bag (RFC 8493): the payload under ``data/``, SHA-256 and
SHA-512 manifests of it and of the tag files, and ``bag-info.txt`` naming the institution,
the report, its edition and period."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version

from sgo_model.authority.report import StatReport

FIGURES_FILE = "figures.json"
FINAL, PRELIMINARY = "final", "preliminary"

# bag-info.txt: the standard fields (RFC 8493 § 2.2.2) and our own.
SOURCE_ORGANIZATION = "Source-Organization"
ORGANIZATION_ADDRESS = "Organization-Address"
EXTERNAL_DESCRIPTION = "External-Description"
EXTERNAL_IDENTIFIER = "External-Identifier"
GROUP_IDENTIFIER = "Bag-Group-Identifier"
INN, OKPO, OKTMO = "Institution-INN", "Institution-OKPO", "Institution-OKTMO"
INSTITUTION_CODE = "Institution-Code"
KIND, FORM, EDITION = "Report-Kind", "Report-Form", "Report-Edition"
PERIOD, STATUS = "Report-Period", "Report-Status"
PREPARED_AT, GENERATOR = "Prepared-At", "Generator"
REPLACES, REASON = "Replaces", "Replacement-Reason"
FIGURES_SHA256 = "Figures-SHA256"
REQUIRED = (
    SOURCE_ORGANIZATION,
    "Bagging-Date",
    "Payload-Oxum",
    GROUP_IDENTIFIER,
    INSTITUTION_CODE,
    KIND,
    FORM,
    EDITION,
    PERIOD,
    STATUS,
    PREPARED_AT,
    GENERATOR,
    FIGURES_SHA256,
)


def generator() -> str:
    """This program and its version, as packages name their maker."""
    try:
        return f"sgo {version('sgo')}"
    except PackageNotFoundError:  # run from a checkout that is not installed
        return "sgo"


def group_identifier(code: str, kind: str, period: str) -> str:
    """What ties an institution's packages of one report and period together: a later one
    replaces an earlier one of the same group."""
    return f"{code}/{kind}/{period}"


@dataclass(frozen=True)
class Replacement:
    """The package a new one replaces, and why."""

    figures_sha256: str
    reason: str


def bag_info(
    report: StatReport, figures_sha256: str, prepared_at: datetime, replaces: Replacement | None
) -> dict[str, str]:
    """The fields of ``bag-info.txt`` for a report's package."""
    institution = report.institution
    info = {
        SOURCE_ORGANIZATION: institution.name,
        EXTERNAL_DESCRIPTION: f"{report.template.title}: {report.title}",
        EXTERNAL_IDENTIFIER: f"{report.kind.value}-{report.period}-{institution.code}",
        GROUP_IDENTIFIER: group_identifier(institution.code, report.kind.value, report.period),
        INSTITUTION_CODE: institution.code,
        KIND: report.kind.value,
        FORM: report.template.form_number,
        EDITION: report.template.edition,
        PERIOD: report.period,
        STATUS: PRELIMINARY if report.preliminary else FINAL,
        PREPARED_AT: prepared_at.isoformat(timespec="seconds"),
        GENERATOR: generator(),
        FIGURES_SHA256: figures_sha256,
    }
    for key, value in (
        (ORGANIZATION_ADDRESS, institution.address),
        (INN, institution.inn),
        (OKPO, institution.okpo),
        (OKTMO, institution.oktmo),
    ):
        if value:
            info[key] = value
    if replaces is not None:
        info[REPLACES] = replaces.figures_sha256
        info[REASON] = replaces.reason
    return info


def figures_bytes(report: StatReport) -> bytes:
    """The figures' JSON as the package carries it (the same report gives the same bytes:
    their SHA-256 names the package's content)."""
    text = json.dumps(report.figures_json(), ensure_ascii=False, indent=1, sort_keys=True)
    return (text + "\n").encode("utf-8")

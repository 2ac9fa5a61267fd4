"""The demo's reports to the authority: the kindergartens next door of the fictional town,
whose 85-К packages the education authority consolidates with the demo kindergarten's.

Their figures are invented from the same kinds of facts the store gives (groups by age and
orientation, children, child-days, staff), counted and packaged by the same code.
"""

from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sgo_model.authority.bag import FIGURES_FILE, bag_info
from sgo_model.authority.kinds import ReportKind, template_from
from sgo_model.authority.report import Institution, StatReport
from sgo_model.authority.service import institution_folder, write_payload
from sgo_model.domain.posts import StaffCategory
from sgo_model.domain.statistical_form import Fact, check_relations, compute
from sgo_model.office.bags import make_bag
from sgo_model.office.files import file_sha256
from sgo_model.office.names import inside, safe_name

_NAMES = (
    "Берёзка", "Золотой ключик", "Аленький цветочек", "Ёлочка", "Сказка", "Василёк",
    "Светлячок", "Дюймовочка", "Родничок", "Лучик", "Улыбка", "Росинка",
)  # fmt: skip
# (category column of 85-К, the children's ages on 1 January, orientation)
_GROUPS = (
    ("1-3", (1, 2), "general"),
    ("1-3", (2, 3), "general"),
    ("3-5", (3, 4), "general"),
    ("3-5", (4, 5), "general"),
    ("5+", (5, 6), "general"),
    ("5+", (6, 7), "general"),
    ("3-5", (4, 5), "combined"),
    ("5+", (5, 6), "compensating"),
    ("mixed", (3, 6), "general"),
)
_STAFF = (
    (StaffCategory.HEAD, 1),
    (StaffCategory.DEPUTY, 1),
    (StaffCategory.SENIOR_TEACHER, 1),
    (StaffCategory.MUSIC, 1),
    (StaffCategory.PE, 1),
    (StaffCategory.SPEECH, 1),
    (StaffCategory.PSYCHOLOGIST, 1),
)


@dataclass(frozen=True)
class Neighbour:
    """An invented kindergarten: its name, codes and how big it is."""

    institution: Institution
    groups: int


def neighbours(count: int, seed: int) -> list[Neighbour]:
    """``count`` kindergartens with distinct names and codes."""
    rng = random.Random(seed)
    made = []
    for index in range(count):
        number = 100 + index
        name = _NAMES[index % len(_NAMES)]
        inn = f"63{rng.randrange(10**7, 10**8)}{index % 100:02d}"[:10]
        made.append(
            Neighbour(
                Institution(
                    f"Муниципальное бюджетное дошкольное образовательное учреждение "
                    f"«Детский сад № {number} «{name}»»",
                    inn,
                    f"{rng.randrange(10**7, 10**8)}",
                    "36701000",
                    f"г. Энск, ул. Садовая, д. {number}",
                ),
                rng.randint(4, 14),
            )
        )
    return made


def neighbour_facts(neighbour: Neighbour, working_days: int, seed: int) -> list[Fact]:
    """The facts a kindergarten of that size would give."""
    rng = random.Random(f"{seed}:{neighbour.institution.inn}")
    facts: list[Fact] = []
    for index in range(neighbour.groups):
        ages, (low, high), orientation = _GROUPS[index % len(_GROUPS)]
        condition = "tnr" if orientation == "compensating" else None
        facts.append(
            Fact(
                "groups",
                {"orientation": orientation, "condition": condition, "ages": ages,
                 "stay_mode": "full"},
                {"area_m2": 50},
            )
        )  # fmt: skip
        children = rng.randint(10, 12) if orientation == "compensating" else rng.randint(16, 25)
        older = 0
        for _ in range(children):
            age = rng.randint(low, high)
            disabled = orientation == "compensating" or (
                orientation == "combined" and rng.random() < 0.3
            )
            older += age >= 3
            facts.append(
                Fact(
                    "pupils",
                    {
                        "sex": rng.choice(("male", "female")),
                        "age": age,
                        "programme": "preschool",
                        "disabled": disabled,
                        "adapted": disabled,
                        "condition": "tnr" if disabled else None,
                        "stay_mode": "full",
                        "orientation": orientation,
                    },
                )
            )
        for share, is_older in ((older, True), (children - older, False)):
            days = share * working_days
            missed = int(days * rng.uniform(0.15, 0.3))
            illness = int(missed * rng.uniform(0.5, 0.8))
            facts.append(
                Fact(
                    "attendance",
                    {"older": is_older},
                    {"attended": days - missed, "missed": missed, "illness": illness,
                     "other": missed - illness},
                )
            )  # fmt: skip
    pupils = sum(1 for f in facts if f.source == "pupils")
    facts.append(
        Fact("calendar", measures={"working_days": working_days, "average_headcount": pupils})
    )
    staff = [*_STAFF, (StaffCategory.TEACHER, 2 * neighbour.groups),
             (StaffCategory.ASSISTANT, neighbour.groups), (StaffCategory.OTHER, 8)]  # fmt: skip
    for category, count in staff:
        for _ in range(count):
            facts.append(
                Fact(
                    "staff",
                    {"category": category.value, "teaching": category.teaching,
                     "managing": category.managing},
                )
            )  # fmt: skip
    return facts


def neighbour_report(
    neighbour: Neighbour,
    template_data: dict[str, Any],
    period: str,
    made_on: date,
    working_days: int,
    seed: int,
    gaps: list[str],
) -> StatReport:
    """A neighbour's 85-К, counted from its invented facts."""
    template = template_from(template_data, "85-К")
    figures, _ = compute(template, neighbour_facts(neighbour, working_days, seed))
    return StatReport(
        ReportKind.FORM_85K,
        template,
        template_data,
        period,
        neighbour.institution,
        figures,
        made_on,
        check_relations(template, figures),
        list(gaps),
    )


def send_neighbour_package(
    report: StatReport, inbox: Path, prepared_at: datetime, *, pdf: bool = False
) -> Path:
    """Write a neighbour's package straight into its folder of the authority's inbox."""
    folder = inside(inbox, institution_folder(report.institution.code))
    out = folder / safe_name(f"{report.kind.short} {report.period} от {prepared_at:%Y-%m-%d}")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".sgo-bag-", dir=folder) as work:
        payload = Path(work) / "bag"
        payload.mkdir()
        write_payload(report, payload, "Заведующий ____________________", pdf=pdf)
        digest = file_sha256(payload / FIGURES_FILE)
        make_bag(payload, out, bag_info(report, digest, prepared_at, None))
    return out

"""A realistic autumn of movement for the demo kindergarten, and the head's signed scans.

Enrolments into groups with free places, transfers between groups of the same age, and
withdrawals (one to another kindergarten), all from September to November of the demo year;
then the head signs most of the orders by dropping their scans.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

from sgo_model.demo.data import DemoForm, DemoKindergarten
from sgo_model.demo.dates import SCHOOL_YEAR_START, workday
from sgo_model.demo.movement_rows import enrolment, person, withdrawal
from sgo_model.demo.previous_year import room_capacity
from sgo_model.demo.pupils import generate_pupil_rows
from sgo_model.domain.age import Orientation
from sgo_model.domain.movement import MovementKind
from sgo_model.domain.movement_reasons import WithdrawalReason
from sgo_model.domain.roles import FormKind

NEIGHBOUR = "МБДОУ «Детский сад № 12 «Теремок»»"
"""The kindergarten a demo child moves to, as the clerk writes it in «Куда выбыл»."""
NEIGHBOUR_FULL_NAME = (
    "Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад № 12 «Теремок»»"
)


def build_movement(kindergarten: DemoKindergarten, seed: int = 2026) -> DemoForm:
    """The clerk's movement form for September–November of the demo year."""
    rng = random.Random(seed)
    groups = kindergarten.form("groups").rows
    pupils = kindergarten.form("pupils").rows
    clerk = kindergarten.form("pupils").login
    headcount = Counter(str(p["Группа"]) for p in pupils)
    free = {
        str(g["Группа"]): room_capacity(g) - headcount[str(g["Группа"])]
        for g in groups
        if g["Направленность"] == Orientation.GENERAL.label
    }
    categories = {str(g["Группа"]): str(g["Возрастная категория"]) for g in groups}
    rows: list[dict[str, object]] = []

    # Enrolments: one or two children into each general group with room, on working days.
    open_groups = [name for name, places in free.items() if places > 0]
    newcomers = generate_pupil_rows(
        2 * len(open_groups), open_groups, seed=seed + 1, categories=categories
    )
    known = {(str(p["Фамилия"]), str(p["Имя"]), p["Дата рождения"]) for p in pupils}
    taken: Counter[str] = Counter()
    for child in newcomers:
        group = str(child["Группа"])
        if (child["Фамилия"], child["Имя"], child["Дата рождения"]) in known:
            continue
        if taken[group] >= min(2, free[group]):
            continue
        taken[group] += 1
        day = workday(SCHOOL_YEAR_START + timedelta(days=rng.randrange(7, 80)))
        number = rng.randrange(10, 99)
        arrived = rng.choice(("из семьи", "из семьи", "из МБДОУ № 3"))
        row = enrolment(child, day, number, applied=7, arrived_from=arrived)
        rows.append({key: value for key, value in row.items() if value is not None})

    # Transfers between two groups of the same age category, where the target has room.
    by_category: dict[str, list[str]] = {}
    for name, category in categories.items():
        by_category.setdefault(category, []).append(name)
    moved: set[tuple[object, object]] = set()
    for names in by_category.values():
        if len(names) < 2:
            continue
        source, target = names[0], names[1]
        if free.get(target, 0) - taken[target] <= 0:
            continue
        child = next(p for p in pupils if p["Группа"] == source)
        moved.add((child["Фамилия"], child["Дата рождения"]))
        rows.append(
            person(child, MovementKind.TRANSFER, workday(date(2026, 10, 12)))
            | {
                "Из группы": source,
                "В группу": target,
                "Основание": "заявление родителя от 05.10.2026",
            }
        )
        taken[target] += 1

    # Withdrawals: to another kindergarten, at the parents' wish, by circumstances.
    reasons = (
        (WithdrawalReason.TRANSFER_TO_ANOTHER, NEIGHBOUR),
        (WithdrawalReason.TRANSFER_TO_ANOTHER, "МАДОУ «Детский сад № 7»"),
        (WithdrawalReason.PARENTS_INITIATIVE, "в связи с переездом"),
        (WithdrawalReason.CIRCUMSTANCES, None),
    )
    candidates = [p for p in pupils if (p["Фамилия"], p["Дата рождения"]) not in moved]
    for (reason, where), child in zip(reasons, rng.sample(candidates, len(reasons)), strict=True):
        day = workday(date(2026, 11, rng.randrange(2, 20)))
        rows.append(withdrawal(child, day, reason, where))
    return DemoForm(
        FormKind.MOVEMENT.value, clerk, f"{FormKind.MOVEMENT.title} (сентябрь–ноябрь).xlsx", rows
    )


def scan_pdf(title: str) -> bytes:
    """A one-page PDF standing in for the scan of a signed order (ASCII text only)."""
    text = title.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj 0 -24 Td (Signed scan) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)

"""The data-quality watch's outputs: its workbook (regenerated after every intake pass, and by
``sgo report quality``), and the reminders put into the folders of those who owe something
on its due day («Напоминание: не сдан табель группы «Ромашка» за ноябрь 2026 г.»)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from sgo_model.diagnostics.documents import quality_xlsx
from sgo_model.diagnostics.documents.quality_xlsx import (
    QUALITY_TITLE,
    STATES,
    QualitySheet,
    write_quality_xlsx,
)
from sgo_model.diagnostics.quality import (
    QUALITY_KEY,
    QUALITY_XLSX,
    DataQuality,
    Due,
    data_quality,
)
from sgo_model.domain.text import plural
from sgo_model.intake.publishing import EVERY_FILE, DocumentJob, PublishContext, Publisher
from sgo_model.office.files import code_sha256, fingerprint, write_atomically
from sgo_model.office.names import PART_BYTES, inside, safe_name
from sgo_model.office.russian import long_date
from sgo_model.office.site import Site
from sgo_model.store.documents import RenderedDocument
from sgo_model.store.uow import SqlUnitOfWork

REMINDER = "reminder"
REMINDERS_FOLDER = "напоминания"
QUALITY_FILE = "Качество данных.xlsx"


def _due_rows(dues: list[Due]) -> list[list[object]]:
    return [
        [
            d.group,
            d.what,
            d.due,
            STATES[d.state],
            d.days_late or None,
            d.submitted_by or "",
            ", ".join(d.responsible),
        ]
        for d in sorted(dues, key=lambda d: (d.state != "missing", d.due, d.group))
    ]


_DUE_HEADS = ("Группа", "Что", "Срок", "Состояние", "Опоздание, дней", "Сдал", "Ответственные")
_DUE_WIDTHS = (18, 58, 12, 20, 12, 16, 24)


def quality_sheets(report: DataQuality) -> list[QualitySheet]:
    """The workbook's tables."""
    return [
        QualitySheet("Табели", _DUE_HEADS, _DUE_WIDTHS, _due_rows(report.attendance)),
        QualitySheet("Диагностика", _DUE_HEADS, _DUE_WIDTHS, _due_rows(report.diagnostics)),
        QualitySheet(
            "Файлы",
            ("Отправитель", "Файлов", "Отклонено", "Отклонено, %", "Частые причины отказа"),
            (18, 10, 12, 14, 90),
            [
                [
                    s.login,
                    s.files,
                    s.rejected,
                    s.rejected_percent,
                    "\n".join(f"{reason} — {count}" for reason, count in s.reasons),
                ]
                for s in report.submitters
            ],
        ),
        QualitySheet(
            "Приказы без подписи",
            ("Номер", "Заголовок", "Дата приказа", "Дней без подписи"),
            (14, 70, 14, 16),
            [[o.number, o.title, o.order_date, o.days] for o in report.unsigned],
        ),
    ]


def _summary(report: DataQuality) -> list[str]:
    return [
        report.headline() + ".",
        "Табель группы за месяц сдаётся до дня, указанного в настройке attendance_due_day, "
        "следующего месяца; диагностика — до дней diagnostics_start_due и diagnostics_end_due; "
        "приказ считается просроченным, если не подписан через "
        f"{plural(report.unsigned_days, 'день', 'дня', 'дней')} (unsigned_order_days).",
        f"Составлено {long_date(report.today)}",
    ]


def write_quality(report: DataQuality, institution: str, out: Path) -> None:
    """Write the watch's workbook."""
    write_quality_xlsx(
        institution, report.first, report.last, _summary(report), quality_sheets(report), out
    )


def quality_path(site: Site) -> Path:
    """Where the watch's workbook lives."""
    return inside(site.documents, QUALITY_FILE)


@dataclass(frozen=True)
class QualityWatch:
    """Publisher of the data-quality workbook: every answered file changes it."""

    name: str = "data_quality"
    triggers: frozenset[str] = frozenset({EVERY_FILE})

    def plan(self, context: PublishContext) -> list[DocumentJob]:
        with context.uow(read_only=True) as uow:
            report = data_quality(uow, context.today)
            institution = uow.institution.get()
        name = institution.name if institution else ""
        stamp = fingerprint(report.as_json())
        return [
            DocumentJob(
                QUALITY_XLSX,
                QUALITY_KEY,
                f"{QUALITY_TITLE}. {report.headline()}",
                quality_path(context.site),
                "sgo_model/diagnostics/documents/quality_xlsx.py",
                code_sha256(quality_xlsx),
                stamp,
                partial(write_quality, report, name),
            )
        ]


PUBLISHERS: tuple[Publisher, ...] = (QualityWatch(),)
"""What diagnostics registers with publishing."""


@dataclass(frozen=True)
class Reminder:
    """A reminder owed to someone: its file in their folder and its text."""

    login: str
    key: str
    file_name: str
    text: str


def reminders_due(report: DataQuality) -> list[Reminder]:
    """A reminder for each thing missing on or after its due day, to each responsible, and
    to the head for each order too long unsigned."""
    reminders = []
    for due in report.missing:
        if due.due > report.today:
            continue
        for login in due.responsible:
            reminders.append(
                Reminder(
                    login,
                    f"{login}:{due.what}",
                    f"Напоминание — {due.not_sent} {safe_name(due.what, limit=PART_BYTES)}.txt",
                    f"Напоминание: {due.not_sent} {due.what.rstrip('.')}. "
                    f"Срок сдачи — {due.due:%d.%m.%Y}.",
                )
            )
    for order in report.unsigned:
        for login in report.heads:
            reminders.append(
                Reminder(
                    login,
                    f"{login}:order:{order.number}",
                    f"Напоминание — не подписан приказ № {order.number}.txt",
                    f"Напоминание: не подписан приказ № {order.number} от "
                    f"{order.order_date:%d.%m.%Y} «{order.title}» ({order.days} дн. без "
                    "подписи). Положите скан подписанного приказа в свою папку.",
                )
            )
    return reminders


def send_reminders(
    site: Site, uow_factory: Callable[..., SqlUnitOfWork], today: date
) -> list[Path]:
    """Put every reminder owed today into its person's ``напоминания`` folder, once each."""
    with uow_factory(read_only=True) as uow:
        owed = reminders_due(data_quality(uow, today))
        sent = {r.key for r in owed if uow.documents.get(REMINDER, r.key) is not None}
    written = []
    for reminder in owed:
        if reminder.key in sent:
            continue
        path = inside(site.user_inbox(reminder.login), REMINDERS_FOLDER, reminder.file_name)
        write_atomically(path, (reminder.text + "\n").encode("utf-8"))
        with uow_factory() as uow:
            digest = fingerprint(reminder.text)
            uow.documents.register(
                RenderedDocument(
                    REMINDER, reminder.key, reminder.text, str(path), "", "", digest, digest
                )
            )
            uow.commit()
        written.append(path)
    return written

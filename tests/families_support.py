"""A kindergarten whose families have e-mails, and a real SMTP server on the loopback."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from email.message import EmailMessage
from email.policy import default
from typing import Any

from support import SiteHarness

from sgo_model.domain.roles import FormKind
from sgo_model.intake.receipts import Verdict
from sgo_model.setup.service import set_setting

NOVEMBER = date(2026, 11, 1)
ENROLMENTS = [
    {
        "Вид": "зачисление",
        "Фамилия": "Белова",
        "Имя": "Вера",
        "Отчество": "Олеговна",
        "Дата рождения": date(2022, 2, 2),
        "Дата": date(2026, 11, 16),
        "В группу": "Ромашка",
        "Основание": "заявление родителя от 10.11.2026 № 41",
        "Родитель (законный представитель)": "Белова Ольга Ивановна; Белов Олег Петрович",
        "Телефон": "+7 900 123-45-67",
        "E-mail родителя": "belova@example.ru; belov@example.ru",
        "Согласие на уведомления по e-mail": "да; нет",
    },
    {
        "Вид": "зачисление",
        "Фамилия": "Орлов",
        "Имя": "Глеб",
        "Отчество": "Андреевич",
        "Дата рождения": date(2022, 4, 8),
        "Дата": date(2026, 11, 16),
        "В группу": "Ромашка",
        "Основание": "заявление родителя от 11.11.2026 № 42",
        "Родитель (законный представитель)": "Орлова Анна Викторовна",
        "E-mail родителя": "orlova@example.ru",
        "Согласие на уведомления по e-mail": "нет",
    },
]


def with_families(harness: SiteHarness) -> SiteHarness:
    """The kindergarten with the two enrolments signed (order 1-д) and documents published."""
    harness.drop_setup()
    harness.drop("clerk", FormKind.MOVEMENT, ENROLMENTS, "Зачисление.xlsx", age=20)
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    harness.publish()
    assert harness.sign_order("1-д").verdict is Verdict.ACCEPTED
    harness.publish()
    return harness


class Mailbox:
    """An SMTP handler that keeps what it accepts, or answers with a set refusal."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse: str | None = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse:
            return self.refuse
        message = email.message_from_bytes(envelope.content, policy=default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 OK"


@contextmanager
def loopback_smtp() -> Iterator[tuple[Mailbox, int]]:
    """A real SMTP server on 127.0.0.1 (aiosmtpd) and its port, for as long as the block."""
    from aiosmtpd.controller import Controller

    handler = Mailbox()
    with socket.socket() as probe:  # aiosmtpd checks its port by connecting: pick a free one
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


def configure_smtp(harness: SiteHarness, port: int) -> None:
    """Point the site's notices at the loopback server (no TLS, no login)."""
    with harness.uow() as uow:
        for key, value in (
            ("smtp_host", "127.0.0.1"),
            ("smtp_port", str(port)),
            ("smtp_starttls", "нет"),
            ("smtp_sender", "detsad5@example.ru"),
        ):
            set_setting(uow, key, value)
        uow.commit()

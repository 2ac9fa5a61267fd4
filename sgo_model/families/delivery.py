"""Sending notices by e-mail over SMTP: one message per guardian with the documents attached.

Each delivery is committed as ``sending`` before its message goes out and as ``sent`` after,
so whatever stops the sender, no guardian receives a notice twice: a delivery still
``sending`` at the next run is marked ``uncertain`` and waits for a person to check it (``sgo
outbox resend``). A server's temporary refusal (4xx, a lost connection) puts the delivery
back with a growing delay; a permanent one (5xx) fails it with the server's answer.
"""

from __future__ import annotations

import contextlib
import smtplib
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Protocol

from sgo_model.domain.settings import InstitutionSettings
from sgo_model.domain.text import plural, plural_form
from sgo_model.intake.faults import checkpoint
from sgo_model.office.files import file_sha256
from sgo_model.store.notices import FAILED, SENDING, SENT, UNCERTAIN, Outgoing
from sgo_model.store.uow import SqlUnitOfWork

PASSWORD_VARIABLE = "SGO_SMTP_PASSWORD"
"""Where the mail server's password is read from (it is never stored)."""
MAX_ATTEMPTS = 8
"""Temporary failures after which a delivery is given up as failed."""
FIRST_DELAY = timedelta(minutes=5)
LONGEST_DELAY = timedelta(hours=6)
CUT_OFF = timedelta(minutes=10)
"""A delivery «sending» for longer was cut off between sending and recording."""
WORD_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


def backoff(attempts: int) -> timedelta:
    """The wait before the next try after ``attempts`` failed ones: 5, 10, 20 … minutes, at
    most six hours."""
    delay: timedelta = FIRST_DELAY * (2 ** max(attempts - 1, 0))
    return min(delay, LONGEST_DELAY)


class MailServer(Protocol):
    """What the sender needs of :class:`smtplib.SMTP`."""

    def send_message(self, msg: EmailMessage) -> object:
        """Send one message."""

    def quit(self) -> object:
        """Close the session."""


@dataclass(frozen=True)
class SmtpSettings:
    """How to reach the mail server, from the institution's settings."""

    host: str
    port: int
    starttls: bool
    user: str
    sender: str

    @classmethod
    def of(cls, settings: InstitutionSettings) -> SmtpSettings | None:
        """The mail settings, or ``None`` when no server (or no sender) is set."""
        if not settings.smtp_host or not settings.smtp_sender:
            return None
        return cls(
            settings.smtp_host,
            int(settings.smtp_port),
            settings.smtp_starttls == "да",
            settings.smtp_user,
            settings.smtp_sender,
        )

    def connect(self, password: str | None) -> smtplib.SMTP:
        """An open, authenticated session (TLS from the start on port 465)."""
        server: smtplib.SMTP
        if self.port == 465:
            server = smtplib.SMTP_SSL(self.host, self.port, timeout=30)
        else:
            server = smtplib.SMTP(self.host, self.port, timeout=30)
            if self.starttls:
                server.starttls(context=ssl.create_default_context())
        if self.user:
            server.login(self.user, password or "")
        return server


@dataclass
class SendReport:
    """What a run of the sender did."""

    messages: int = 0
    sent: int = 0
    postponed: int = 0
    failed: int = 0
    uncertain: int = 0
    waiting: int = 0
    """Deliveries left waiting because no mail server is set."""
    outcomes: dict[int, str] = field(default_factory=dict)
    """The deliveries this run settled (sent, failed, uncertain), by id: the journal keeps
    them, so that a store rebuilt from it never sends them again."""

    def settle(self, ids: Sequence[int], status: str) -> None:
        """Note that ``ids`` reached ``status``."""
        self.outcomes.update(dict.fromkeys(ids, status))

    def summary(self) -> str:
        """One Russian line for the terminal and the flow's artifact."""
        if self.waiting:
            waits = plural(self.waiting, "уведомление ждёт", "уведомления ждут", "уведомлений ждут")
            return f"Почтовый сервер не настроен: {waits} в outbox/families, их можно распечатать"
        parts = [
            f"отправлено {plural(self.messages, 'письмо', 'письма', 'писем')}"
            f" ({plural(self.sent, 'уведомление', 'уведомления', 'уведомлений')})"
        ]
        if self.postponed:
            parts.append(f"отложено {self.postponed}")
        if self.failed:
            parts.append(f"не доставлено {self.failed}")
        if self.uncertain:
            parts.append(f"требуют проверки {self.uncertain}")
        return "Уведомления: " + ", ".join(parts)


Connect = Callable[[SmtpSettings, str | None], MailServer]


def _connect(settings: SmtpSettings, password: str | None) -> MailServer:
    return settings.connect(password)


def compose(
    items: Sequence[Outgoing], sender: str, institution: str, now: datetime
) -> EmailMessage:
    """The message to one guardian with every notice due to them attached."""
    first = items[0].delivery
    message = EmailMessage()
    message["From"] = Address(institution[:60] or sender, addr_spec=sender)
    message["To"] = Address(first.guardian, addr_spec=first.email)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(f"sgo.{first.id}", domain=sender.rpartition("@")[2])
    if len(items) == 1:
        message["Subject"] = f"{items[0].title}"
    else:
        count = len(items)
        message["Subject"] = f"{plural(count, 'документ', 'документа', 'документов')} детского сада"
    lines = [
        "Здравствуйте!",
        "",
        f"{institution} направляет "
        + plural_form(len(items), "документ", "документы", "документы")
        + ":",
        *(f"— {item.title};" for item in items),
        "",
        "Документы приложены к письму. Письмо отправлено автоматически, отвечать на него не нужно;",
        "вопросы можно задать воспитателю или в детском саду.",
    ]
    message.set_content("\n".join(lines))
    for item in items:
        path = Path(item.path)
        message.add_attachment(
            path.read_bytes(), maintype=WORD_TYPE[0], subtype=WORD_TYPE[1], filename=path.name
        )
    return message


def send_outbox(
    uow_factory: Callable[..., SqlUnitOfWork],
    now: datetime,
    password: str | None,
    connect: Connect = _connect,
) -> SendReport:
    """Send every delivery that is due, one message per guardian's address."""
    report = SendReport()
    with uow_factory() as uow:
        stuck = uow.notices.interrupted(now - CUT_OFF)
        uow.notices.mark(
            [d.id for d in stuck],
            UNCERTAIN,
            answer="отправка прервана: письмо могло уйти; проверьте у получателя и при "
            "необходимости отправьте снова (sgo outbox resend)",
        )
        uow.commit()
        report.uncertain = len(stuck)
        report.settle([d.id for d in stuck], UNCERTAIN)
        settings = uow.settings.load()
        institution = uow.institution.get()
        due = uow.notices.due(now)
    mail = SmtpSettings.of(settings)
    if mail is None:
        report.waiting = len(due)
        return report
    if not due:
        return report
    by_address: dict[str, list[Outgoing]] = {}
    for item in due:
        by_address.setdefault(item.delivery.email.lower(), []).append(item)
    name = institution.short_name or institution.name if institution else ""
    try:
        server = connect(mail, password)
    except (OSError, smtplib.SMTPException) as error:
        _postpone(uow_factory, due, _answer(error), now, report)
        return report
    done: set[int] = set()
    try:
        for items in by_address.values():
            if not _send_one(uow_factory, server, items, mail.sender, name, now, report, done):
                rest = [item for item in due if item.delivery.id not in done]
                _postpone(uow_factory, rest, "соединение с сервером прервано", now, report)
                break
    finally:
        with contextlib.suppress(OSError, smtplib.SMTPException):
            server.quit()
    return report


def _send_one(
    uow_factory: Callable[..., SqlUnitOfWork],
    server: MailServer,
    items: list[Outgoing],
    sender: str,
    institution: str,
    now: datetime,
    report: SendReport,
    done: set[int],
) -> bool:
    """Send one guardian's message (its deliveries join ``done``); ``False`` when the
    connection is lost."""
    ready = []
    for item in items:
        path = Path(item.path)
        if not path.exists() or file_sha256(path) != item.sha256:
            _fail(uow_factory, [item], "файл уведомления изменён или удалён после регистрации")
            report.failed += 1
            report.settle([item.delivery.id], FAILED)
            done.add(item.delivery.id)
        else:
            ready.append(item)
    if not ready:
        return True
    message = compose(ready, sender, institution, now)
    with uow_factory() as uow:
        ids = uow.notices.claim([item.delivery.id for item in ready], message["Message-ID"], now)
        uow.commit()
    done.update(item.delivery.id for item in ready)
    if len(ids) < len(ready):  # another sender took some of them: they are its to send
        ready = [item for item in ready if item.delivery.id in ids]
        if not ready:
            return True
        message = compose(ready, sender, institution, now)
        with uow_factory() as uow:
            uow.notices.mark(ids, SENDING, message_id=message["Message-ID"])
            uow.commit()
    checkpoint("notice-sending")
    try:
        server.send_message(message)
    except smtplib.SMTPRecipientsRefused as error:
        code, text = next(iter(error.recipients.values()))
        return _refused(uow_factory, ready, code, text, now, report, done)
    except smtplib.SMTPResponseException as error:
        return _refused(uow_factory, ready, error.smtp_code, error.smtp_error, now, report, done)
    except (OSError, smtplib.SMTPException) as error:
        # The server may have taken the message before the connection broke: say so.
        with uow_factory() as uow:
            uow.notices.mark(ids, UNCERTAIN, answer=f"соединение прервано при отправке: {error}")
            uow.commit()
        report.uncertain += len(ids)
        report.settle(ids, UNCERTAIN)
        done.update(ids)
        return False
    checkpoint("notice-sent")
    with uow_factory() as uow:
        uow.notices.mark(ids, SENT, sent_at=now, answer="принято сервером")
        uow.commit()
    report.messages += 1
    report.sent += len(ids)
    report.settle(ids, SENT)
    done.update(ids)
    return True


def _refused(
    uow_factory: Callable[..., SqlUnitOfWork],
    items: list[Outgoing],
    code: int,
    text: bytes | str,
    now: datetime,
    report: SendReport,
    done: set[int],
) -> bool:
    answer = f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
    done.update(item.delivery.id for item in items)
    if code >= 500:
        _fail(uow_factory, items, f"сервер отказал: {answer}")
        report.failed += len(items)
        report.settle([item.delivery.id for item in items], FAILED)
    else:
        _postpone(uow_factory, items, f"сервер временно отказал: {answer}", now, report)
    return True


def _fail(
    uow_factory: Callable[..., SqlUnitOfWork], items: Sequence[Outgoing], answer: str
) -> None:
    with uow_factory() as uow:
        uow.notices.mark([item.delivery.id for item in items], FAILED, answer=answer)
        uow.commit()


def _postpone(
    uow_factory: Callable[..., SqlUnitOfWork],
    items: Sequence[Outgoing],
    answer: str,
    now: datetime,
    report: SendReport,
) -> None:
    with uow_factory() as uow:
        for item in items:
            delivery = item.delivery
            if delivery.attempts + 1 >= MAX_ATTEMPTS:
                uow.notices.mark([delivery.id], FAILED, answer=f"{answer}; попыток: {MAX_ATTEMPTS}")
                report.failed += 1
                report.settle([delivery.id], FAILED)
            else:
                uow.notices.retry_later(delivery, answer, now + backoff(delivery.attempts + 1))
                report.postponed += 1
        uow.commit()


def _answer(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return f"сервер не принял логин и пароль ({PASSWORD_VARIABLE}): {error.smtp_code}"
    return f"нет соединения с почтовым сервером: {error}"

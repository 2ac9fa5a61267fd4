"""Delivery by e-mail through a real SMTP server on the loopback (aiosmtpd): one message per
guardian who consented, none to those who did not, none twice after a retry or a crash
between sending and recording."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from families_support import Mailbox, configure_smtp
from support import SiteHarness, run_sgo, sgo_command

from sgo_model.families.delivery import PASSWORD_VARIABLE, send_outbox
from sgo_model.intake.faults import FAULT_VARIABLE, KILLED_EXIT_CODE
from sgo_model.store.engine import make_engine
from sgo_model.store.notices import FAILED, PENDING, SENDING, SENT, UNCERTAIN
from sgo_model.store.uow import SqlUnitOfWork

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _statuses(harness: SiteHarness) -> list[str]:
    with harness.uow(read_only=True) as uow:
        return [d.status for n in uow.notices.all() for d in n.deliveries]


def test_each_consenting_guardian_gets_one_message_with_the_document(
    families: SiteHarness, mailbox: tuple[Mailbox, int]
) -> None:
    box, port = mailbox
    configure_smtp(families, port)

    report = send_outbox(families.uow, NOW, None)

    assert (report.messages, report.sent, report.failed) == (1, 1, 0)
    (message,) = box.messages
    assert message["To"] == "Белова Ольга Ивановна <belova@example.ru>"
    assert message["Subject"].startswith("Выписка из приказа № 1-д от 16.11.2026")
    assert "Документы приложены к письму" in message.get_body(("plain",)).get_content()
    attachments = [part.get_filename() for part in message.walk() if part.get_filename()]
    assert attachments == ["Выписка из приказа № 1-д от 16.11.2026.docx"]
    assert _statuses(families) == [SENT]
    # Sending again sends nothing: the notice went out once.
    assert send_outbox(families.uow, NOW + timedelta(days=1), None).messages == 0
    assert len(box.messages) == 1


def test_without_a_mail_server_notices_wait_to_be_printed(families: SiteHarness) -> None:
    report = send_outbox(families.uow, NOW, None)

    assert report.waiting == 1
    assert "Почтовый сервер не настроен: 1 уведомление ждёт" in report.summary()
    assert _statuses(families) == [PENDING]


def test_a_temporary_refusal_is_retried_later_and_delivered_once(
    families: SiteHarness, mailbox: tuple[Mailbox, int]
) -> None:
    box, port = mailbox
    configure_smtp(families, port)
    box.refuse = "451 4.3.0 try again later"

    first = send_outbox(families.uow, NOW, None)
    assert (first.postponed, first.sent) == (1, 0)
    with families.uow(read_only=True) as uow:
        (delivery,) = [d for n in uow.notices.all() for d in n.deliveries]
    assert delivery.answer is not None and "451" in delivery.answer
    assert delivery.next_attempt_at is not None

    box.refuse = None
    assert send_outbox(families.uow, NOW + timedelta(minutes=1), None).sent == 0  # not yet due
    assert send_outbox(families.uow, NOW + timedelta(minutes=6), None).sent == 1
    assert len(box.messages) == 1
    assert _statuses(families) == [SENT]


def test_a_permanent_refusal_fails_with_the_servers_answer(
    families: SiteHarness, mailbox: tuple[Mailbox, int]
) -> None:
    box, port = mailbox
    configure_smtp(families, port)
    box.refuse = "550 5.1.1 mailbox unavailable"

    report = send_outbox(families.uow, NOW, None)

    assert report.failed == 1
    with families.uow(read_only=True) as uow:
        (delivery,) = [d for n in uow.notices.all() for d in n.deliveries]
    assert delivery.status == FAILED
    assert delivery.answer is not None and "550" in delivery.answer


def test_a_crash_between_sending_and_recording_never_sends_twice(
    families: SiteHarness, mailbox: tuple[Mailbox, int]
) -> None:
    box, port = mailbox
    configure_smtp(families, port)
    home = str(families.site.home)
    env = {
        **os.environ,
        "SGO_DATABASE_URL": families.url,
        PASSWORD_VARIABLE: "",
        FAULT_VARIABLE: "notice-sent",
    }

    crashed = subprocess.run(
        [sgo_command(), "outbox", "send", "--home", home], env=env, capture_output=True, text=True
    )
    assert crashed.returncode == KILLED_EXIT_CODE, crashed.stderr
    assert len(box.messages) == 1  # the server has it; the store does not know

    del env[FAULT_VARIABLE]
    again = subprocess.run(
        [sgo_command(), "outbox", "send", "--home", home], env=env, capture_output=True, text=True
    )
    assert again.returncode == 0, again.stdout + again.stderr
    assert len(box.messages) == 1  # still «sending»: maybe another sender's, left alone
    assert _statuses(families) == [SENDING]
    # Long after, it is known to have been cut off: it waits for a person, never resent.
    later = send_outbox(families.uow, datetime.now(UTC) + timedelta(minutes=11), None)
    assert (later.uncertain, later.sent) == (1, 0)
    assert "требуют проверки 1" in later.summary()
    assert len(box.messages) == 1
    assert _statuses(families) == [UNCERTAIN]


def test_two_senders_at_once_send_each_notice_once(
    families: SiteHarness, mailbox: tuple[Mailbox, int]
) -> None:
    box, port = mailbox
    configure_smtp(families, port)
    with families.uow(read_only=True) as uow:
        due = uow.notices.due(NOW)
    # Another sender claimed the delivery between this one's listing and its sending.
    with families.uow() as uow:
        assert uow.notices.claim([due[0].delivery.id], "<other@example.ru>", NOW) == [
            due[0].delivery.id
        ]
        uow.commit()
    from sgo_model.families import delivery

    report = delivery.SendReport()
    server = delivery.SmtpSettings("127.0.0.1", port, False, "", "detsad5@example.ru").connect(None)
    try:
        assert delivery._send_one(families.uow, server, due, "detsad5@example.ru", "ДОУ", NOW,
                                  report, set())  # fmt: skip
    finally:
        server.quit()
    assert report.messages == 0 and box.messages == []


def test_a_store_rebuilt_from_the_journal_never_sends_a_notice_again(
    families: SiteHarness, mailbox: tuple[Mailbox, int], tmp_path: Path
) -> None:
    box, port = mailbox
    for key, value in (
        ("smtp_host", "127.0.0.1"),
        ("smtp_port", str(port)),
        ("smtp_starttls", "нет"),
        ("smtp_sender", "detsad5@example.ru"),
    ):
        assert run_sgo(families, "settings", "set", key, value)[0] == 0
    assert run_sgo(families, "outbox", "send")[0] == 0
    assert len(box.messages) == 1

    into = f"sqlite:///{tmp_path / 'rebuilt.db'}"
    code, output = run_sgo(families, "rebuild", "--from-archive", "--into", into)
    assert code == 0, output
    assert "The rebuilt store holds the same facts as the live one." in output

    rebuilt = make_engine(into)
    try:
        assert send_outbox(partial(SqlUnitOfWork, rebuilt), NOW + timedelta(days=1), None).sent == 0
        with SqlUnitOfWork(rebuilt, read_only=True) as uow:
            assert [d.status for n in uow.notices.all() for d in n.deliveries] == [SENT]
    finally:
        rebuilt.dispose()
    assert len(box.messages) == 1

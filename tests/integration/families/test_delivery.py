"""Delivery by e-mail through a real SMTP server on the loopback (aiosmtpd): one message per
guardian who consented, none to those who did not, none twice after a retry or a crash
between sending and recording."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path

from docx import Document
from families_support import Mailbox, configure_smtp
from support import SiteHarness, run_sgo, sgo_command

from sgo_model.bootstrap import REPOSITORY_TEMPLATES, publishers
from sgo_model.families.delivery import PASSWORD_VARIABLE, send_outbox
from sgo_model.intake.faults import FAULT_VARIABLE, KILLED_EXIT_CODE
from sgo_model.intake.publishing import PublishContext, publish_pending
from sgo_model.intake.receipts import Verdict
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


def test_a_corrected_statement_goes_out_again_and_a_new_letterhead_does_not(
    families: SiteHarness, mailbox: tuple[Mailbox, int], tmp_path: Path
) -> None:
    box, port = mailbox
    configure_smtp(families, port)
    november = date(2026, 11, 1)
    sheet = families.submit_attendance("popova", "Ромашка", november, {"Белова": {17: "Б"}})
    assert sheet.verdict is Verdict.ACCEPTED, sheet.problems
    families.publish()

    assert send_outbox(families.uow, NOW, None).messages == 1
    (first,) = box.messages  # the extract and the statement, in one message to the mother
    assert sorted(p.get_filename() for p in first.iter_attachments()) == [
        "Выписка из приказа № 1-д от 16.11.2026.docx",
        "Справка о посещении 2026-11 Ромашка.docx",
    ]

    # The institution changes its letterhead: every notice is drawn again, none is re-sent.
    templates = tmp_path / "templates"
    shutil.copytree(REPOSITORY_TEMPLATES, templates)
    for name in ("notice_extract.docx", "notice_attendance.docx"):
        path = templates / "documents" / name
        document = Document(str(path))
        document.paragraphs[0].runs[0].text += " (новый бланк)"
        document.save(str(path))
    publish_pending(publishers(), PublishContext(families.site, families.uow, templates,
                                                 families.today), everything=True)  # fmt: skip
    with families.uow(read_only=True) as uow:
        notices = uow.notices.all()
    assert {n.revision for n in notices} == {1}
    belova = [n for n in notices if n.pupil.startswith("Белова")]
    assert all("(новый бланк)" in Document(n.path).paragraphs[0].text for n in belova)
    assert send_outbox(families.uow, NOW + timedelta(hours=1), None).messages == 0

    # A correction of the month's marks is another statement: it goes out as a revision.
    corrected = families.submit_attendance(
        "popova", "Ромашка", november, {"Белова": {17: "Б", 18: "Б"}}
    )
    assert corrected.verdict is Verdict.ACCEPTED, corrected.problems
    families.publish()
    with families.uow(read_only=True) as uow:
        (revised,) = [n for n in uow.notices.all() if n.revision == 2]
    assert revised.kind == "notice_attendance" and revised.pupil.startswith("Белова")
    assert send_outbox(families.uow, NOW + timedelta(hours=2), None).messages == 1
    (attachment,) = box.messages[-1].iter_attachments()
    table = Document(io.BytesIO(attachment.get_content())).tables[0]
    assert any(r.cells[0].text.startswith("Пропущено дней") and r.cells[1].text == "2"
               for r in table.rows)  # fmt: skip

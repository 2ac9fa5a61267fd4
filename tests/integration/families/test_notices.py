"""Notices to families read back: an extract holds only the family's child; a statement's
figures are the child's row of the final timesheet; contacts and their history."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx import Document
from families_support import NOVEMBER
from support import SiteHarness

from sgo_model.attendance.publish import TimesheetHeading, current_sheets, sheet_data
from sgo_model.families.extracts import EXTRACT
from sgo_model.families.service import PAPER, list_notices, notice_status
from sgo_model.families.statements import STATEMENT
from sgo_model.intake.receipts import Verdict
from sgo_model.store.notices import PENDING


def _text(path: str) -> str:
    document = Document(path)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    # Typeset text holds non-breaking spaces («№ 5», «О зачислении»): compare words.
    return "\n".join([p.text for p in document.paragraphs] + cells).replace("\u00a0", " ")


def _notices(harness: SiteHarness, kind: str) -> dict[str, object]:
    with harness.uow(read_only=True) as uow:
        return {n.pupil: n for n in uow.notices.all() if n.kind == kind}


def test_an_extract_holds_the_order_heading_and_only_the_familys_child(
    families: SiteHarness,
) -> None:
    extracts = _notices(families, EXTRACT)
    assert set(extracts) == {"Белова Вера Олеговна", "Орлов Глеб Андреевич"}
    belova = extracts["Белова Вера Олеговна"]
    assert Path(belova.path).parent.name == "Белова Вера Олеговна 02.02.2022"
    assert Path(belova.path).is_relative_to(families.site.outbox / "families")
    text = _text(belova.path)
    assert "ВЫПИСКА ИЗ ПРИКАЗА" in text
    assert "№ 1-д" in text
    assert "О зачислении воспитанников" in text
    assert "1. Зачислить Белову Веру Олеговну" in text
    assert "Выписка верна" in text
    # Nothing about the other child: neither the item nor the grounds.
    assert "Орлов" not in text
    assert "№ 42" not in text
    orlov = _text(extracts["Орлов Глеб Андреевич"].path)
    assert "2. Зачислить Орлова Глеба Андреевича" in orlov
    assert "Белов" not in orlov


def test_a_notice_goes_only_to_the_guardians_who_consented(families: SiteHarness) -> None:
    extracts = _notices(families, EXTRACT)
    belova = extracts["Белова Вера Олеговна"]
    assert [(d.email, d.status) for d in belova.deliveries] == [("belova@example.ru", PENDING)]
    # The other family gave an address but no consent: the notice is printed.
    orlov = extracts["Орлов Глеб Андреевич"]
    assert orlov.deliveries == ()
    assert notice_status(orlov) == PAPER
    with families.uow(read_only=True) as uow:
        assert [n.pupil for n in list_notices(uow, "орлов", PAPER)] == ["Орлов Глеб Андреевич"]


def test_publishing_again_issues_no_second_notice(families: SiteHarness) -> None:
    before = _notices(families, EXTRACT)
    families.publish()
    with families.uow(read_only=True) as uow:
        assert len([n for n in uow.notices.all() if n.kind == EXTRACT]) == len(before) == 2


def test_the_statement_states_the_childs_row_of_the_final_timesheet(
    families: SiteHarness,
) -> None:
    receipt = families.submit_attendance(
        "popova", "Ромашка", NOVEMBER, {"Белова": {17: "Б", 18: "Б", 19: "Н", 23: "О"}}
    )
    assert receipt.verdict is Verdict.ACCEPTED, receipt.problems
    families.publish()
    statements = _notices(families, STATEMENT)
    assert "Белова Вера Олеговна" in statements
    with families.uow(read_only=True) as uow:
        heading = TimesheetHeading.load(uow, families.today)
        (sheet,) = [s for s in current_sheets(uow, heading.settings) if s.key.endswith("2026-11")]
        groups = {g.id: g for g in uow.groups.groups()}
        _, data = sheet_data(
            uow, sheet, groups[sheet.version.group_id], uow.calendar.load(), heading
        )
    (child,) = [c for c in data.children if c.name.startswith("Белова")]
    table = {
        row.cells[0].text: row.cells[1].text
        for row in Document(statements["Белова Вера Олеговна"].path).tables[0].rows
    }
    assert table["Посещено дней"] == str(child.attended) == "7"
    missed = next(v for k, v in table.items() if k.startswith("Пропущено дней"))
    assert missed == str(child.missed) == "4"
    assert table["из них по уважительной причине (не оплачиваются)"] == "3"
    assert table["из них без уважительной причины"] == "1"
    assert table["Дней к оплате"] == str(child.payable) == "7"
    reasons = next(k for k in table if k.startswith("Пропущено дней"))
    assert "болезнь" in reasons.lower() and "— 2" in reasons
    text = _text(statements["Белова Вера Олеговна"].path)
    assert "ноябрь 2026" in text
    assert "Орлов" not in text


def test_a_new_form_changes_the_contacts_and_keeps_their_history(families: SiteHarness) -> None:
    from families_support import ENROLMENTS

    from sgo_model.domain.roles import FormKind

    pupils_row = {
        "Фамилия": "Орлов",
        "Имя": "Глеб",
        "Отчество": "Андреевич",
        "Пол": "м",
        "Дата рождения": ENROLMENTS[1]["Дата рождения"],
        "Группа": "Ромашка",
        "Дата зачисления": "16.11.2026",
        "Родитель (законный представитель)": "Орлова Анна Викторовна",
        "E-mail родителя": "Orlova.A@Example.RU",
        "Согласие на уведомления по e-mail": "да",
    }
    families.drop("clerk", FormKind.PUPILS, [pupils_row], "Контакты.xlsx", age=10)
    assert {r.verdict for r in families.ingest().receipts} == {Verdict.ACCEPTED}
    with families.uow(read_only=True) as uow:
        (orlov,) = [n for n in uow.notices.all() if n.pupil.startswith("Орлов")]
        (guardian,) = uow.pupils.guardians_of([orlov.pupil_id])[orlov.pupil_id]
        history = uow.pupils.contact_history(orlov.pupil_id)
    assert (guardian.email, guardian.notice_consent) == ("Orlova.A@example.ru", True)
    assert [h.before[0].notice_consent for h in history] == [False]
    assert history[-1].after == (guardian,)


def test_a_mistyped_email_is_refused_naming_its_cell_column_and_value(
    families: SiteHarness,
) -> None:
    from families_support import ENROLMENTS

    from sgo_model.domain.roles import FormKind

    row = {**ENROLMENTS[1], "Фамилия": "Орлова", "Имя": "Ева", "Отчество": "Андреевна"}
    row["E-mail родителя"] = "orlova(at)example.ru"
    families.drop("clerk", FormKind.MOVEMENT, [row], "Ошибка.xlsx", age=10)

    (receipt,) = families.ingest().receipts
    assert receipt.verdict is Verdict.REJECTED
    (problem,) = receipt.problems
    assert problem.column == "E-mail родителя"
    assert problem.value == "orlova(at)example.ru"
    assert (problem.sheet, problem.cell) == ("Движение", "R5")  # under the header rows
    assert "Адрес электронной почты «orlova(at)example.ru» недопустим" in problem.message


def test_the_cli_lists_notices_with_their_delivery(families: SiteHarness) -> None:
    from support import run_sgo

    code, out = run_sgo(families, "notices", "list", "--status", "paper")
    assert code == 0, out
    assert "Орлов" in out and "Белова" not in out  # the table may wrap the names
    assert "1 notice(s)" in out

    code, out = run_sgo(families, "outbox", "send")
    assert code == 0, out
    assert "Почтовый сервер не настроен: 1 уведомление ждёт в outbox/families" in out


def test_a_childs_diagnostics_summary_holds_only_that_childs_results(
    families: SiteHarness,
) -> None:
    from diagnostics_support import YEAR, fill_blank
    from support import settle

    from sgo_model.diagnostics.blanks import prepare_diagnostics_blanks
    from sgo_model.domain.diagnostics import Period
    from sgo_model.families.summaries import SUMMARY

    folder = families.site.home / "бланки-диагностики"
    blanks = prepare_diagnostics_blanks(
        families.uow, Period.START, YEAR, families.today, out=folder
    )
    (blank,) = [p for p in blanks if " Ромашка " in p.name]
    scores = {
        "Иванова": 5,
        "Кузьмин": 2,
        "Никитина": 3,
        "Белова": 4,
        "Орлов": "причина: адаптационный период",
    }
    fill_blank(blank, scores, date(2026, 11, 20))
    path = families.site.user_inbox("popova") / blank.name
    blank.rename(path)
    settle(path)
    (receipt,) = families.ingest().receipts
    assert receipt.verdict is Verdict.ACCEPTED, receipt.problems
    families.publish()

    summaries = _notices(families, SUMMARY)
    assert set(summaries) == {  # not Орлов, who was not assessed
        "Белова Вера Олеговна",
        "Иванова Мария Сергеевна",
        "Кузьмин Илья Кузьмич",
        "Никитина Любовь Никитична",
    }
    document = Document(summaries["Кузьмин Илья Кузьмич"].path)
    (table,) = document.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Образовательная область", "Средний балл", "Уровень"]
    assert rows[1:] and all(row[1] == "2" and row[2] == "не сформирован" for row in rows[1:])
    assert {row[0] for row in rows[1:]} >= {"Речевое развитие", "Физическое развитие"}
    text = _text(summaries["Кузьмин Илья Кузьмич"].path)
    assert "Начало учебного года 2026/2027 (диагностика от 20.11.2026)" in text
    for other in ("Иванова", "Никитина", "Белова", "%"):  # no other child, no shares
        assert other not in text
    # Only the child's own guardians: this family gave no e-mail, so it is printed; Белова's
    # goes to her mother, who consented, and not to her father, who did not.
    assert summaries["Кузьмин Илья Кузьмич"].deliveries == ()
    assert [d.email for d in summaries["Белова Вера Олеговна"].deliveries] == ["belova@example.ru"]

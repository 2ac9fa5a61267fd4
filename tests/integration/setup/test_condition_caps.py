"""Compensating and combined groups are capped by their children's conditions (Порядок, приказ
Минпросвещения № 373, пп. 20–21) as the institution's table says; the smaller of that and
the room's cap applies in the fill report, in enrolments and in the pupils form."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from docx import Document
from openpyxl import load_workbook
from support import SiteHarness

from sgo_model.bootstrap import write_all_blanks
from sgo_model.domain.conditions import Condition
from sgo_model.domain.people import PersonName
from sgo_model.domain.roles import FormKind
from sgo_model.forms.blanks import HEADER_ROW
from sgo_model.intake.receipts import Receipt, Verdict
from sgo_model.setup.lists import form_lists, form_rows

SPEECH_GROUP = {
    "Группа": "Звёздочка",
    "Возрастная категория": "старшая",
    "Направленность": "компенсирующая",
    "Площадь, м²": 40,  # 20 places by area
    "Нарушение": "ТНР",
}
INCLUSIVE_GROUP = {
    "Группа": "Радуга",
    "Возрастная категория": "средняя",
    "Направленность": "комбинированная",
    "Площадь, м²": 40,
}
SENIOR_BORN = date(2021, 1, 10)  # five on 1 September 2026
MIDDLE_BORN = date(2022, 1, 10)  # four


def _children(group: str, born: date, count: int, *conditions: str) -> list[dict[str, object]]:
    """``count`` children of a group, the first ones with the conditions given."""
    return [
        {
            "Фамилия": "Тестова",
            "Имя": f"Дарья{'абвгдежзиклмнопрст'[i]}",
            "Пол": "ж",
            "Дата рождения": born + timedelta(days=i),
            "Группа": group,
            "Дата зачисления": "01.09.2026",
            "ОВЗ": conditions[i] if i < len(conditions) else None,
        }
        for i in range(count)
    ]


def _only(harness: SiteHarness) -> Receipt:
    (receipt,) = harness.ingest().receipts
    return receipt


def _set_up(harness: SiteHarness) -> None:
    harness.drop_setup(upto=FormKind.GROUPS)
    harness.drop("clerk", FormKind.GROUPS, [SPEECH_GROUP, INCLUSIVE_GROUP], "Коррекция.xlsx")
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}


def _fill_rows(harness: SiteHarness) -> dict[str, dict[str, object]]:
    harness.publish()
    path = next(Path(harness.site.documents).rglob("Наполняемость групп.xlsx"))
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    at = next(i for i, row in enumerate(rows) if "Вместимость" in row)
    header = [str(cell) for cell in rows[at]]
    return {str(r[1]): dict(zip(header, r, strict=True)) for r in rows[at + 1 :] if r[0]}


def test_the_fill_report_caps_groups_by_their_children_s_conditions(
    sqlite_harness: SiteHarness,
) -> None:
    harness = sqlite_harness
    _set_up(harness)
    pupils = _children("Звёздочка", SENIOR_BORN, 9, *["ТНР"] * 9)
    pupils += _children("Радуга", MIDDLE_BORN, 6, "ЗПР", "задержка психического развития")
    harness.drop("clerk", FormKind.PUPILS, pupils)
    assert _only(harness).verdict is Verdict.ACCEPTED

    rows = _fill_rows(harness)

    speech, inclusive = rows["Звёздочка"], rows["Радуга"]
    assert speech["Вместимость по площади"] == 20
    assert speech["Предел по нарушениям детей"] == "10 (ТНР, от 3 лет)"
    assert (speech["Вместимость"], speech["Списочный состав"], speech["Свободно мест"]) == (
        10,
        9,
        1,
    )
    assert speech["Из них детей с ОВЗ"] == 9
    # A combined group with two children with ЗПР: at most 17, five of them with ОВЗ.
    assert inclusive["Предел по нарушениям детей"] == "17 (ЗПР, от 3 лет)"
    assert (inclusive["Вместимость"], inclusive["Из них детей с ОВЗ"]) == (17, 2)
    assert inclusive["Допустимо детей с ОВЗ"] == 5
    assert rows["Ромашка"]["Предел по нарушениям детей"] is None
    assert rows["Ромашка"]["Вместимость"] == rows["Ромашка"]["Вместимость по площади"]
    roster = next(Path(harness.site.documents).rglob("Списки групп.docx"))
    headings = [p.text for p in Document(str(roster)).paragraphs if p.text.startswith("Группа")]
    assert (
        "Группа «Звёздочка» — старшая (5–6 лет), компенсирующей направленности для детей "
        "с тяжёлыми нарушениями речи" in headings
    )
    assert "Группа «Радуга» — средняя (4–5 лет), комбинированной направленности" in headings


def test_the_pupils_form_warns_of_a_group_over_its_condition_cap(
    sqlite_harness: SiteHarness,
) -> None:
    harness = sqlite_harness
    _set_up(harness)
    pupils = _children("Звёздочка", SENIOR_BORN, 11, *["ТНР"] * 11)
    # The strictest condition decides: with a child with ТНР, at most 4 of 15 with ОВЗ.
    pupils += _children("Радуга", MIDDLE_BORN, 6, "ЗПР", "ЗПР", "ЗПР", "ЗПР", "ТНР")
    harness.drop("clerk", FormKind.PUPILS, pupils)

    receipt = _only(harness)

    assert receipt.verdict is Verdict.ACCEPTED
    warnings = [w.message for w in receipt.warnings]
    assert (
        "В группе «Звёздочка» будет 11 детей при вместимости по нормативу (ТНР, от 3 лет) 10: "
        "группа переполнена" in warnings
    )
    assert (
        "В комбинированной группе «Радуга» будет 5 детей с ОВЗ при допустимом числе 4 "
        "(ТНР, от 3 лет)" in warnings
    )
    rows = _fill_rows(harness)
    assert rows["Звёздочка"]["Свободно мест"] == -1
    assert (rows["Радуга"]["Из них детей с ОВЗ"], rows["Радуга"]["Допустимо детей с ОВЗ"]) == (5, 4)


def test_a_condition_is_read_as_people_write_it_and_an_unknown_one_listed(
    sqlite_harness: SiteHarness,
) -> None:
    harness = sqlite_harness
    _set_up(harness)
    pupils = _children("Радуга", MIDDLE_BORN, 3, "общее недоразвитие речи", "аутизм", "дислексия")
    harness.drop("clerk", FormKind.PUPILS, pupils)

    receipt = _only(harness)

    (error,) = receipt.errors
    assert (error.column, error.value, error.row) == ("ОВЗ", "дислексия", 7)
    assert "Неизвестное нарушение «дислексия». Допустимо: ТНР (тяжёлые нарушения речи)" in (
        error.message
    )
    assert "РАС (расстройства аутистического спектра)" in error.message
    understood = [w.message for w in receipt.warnings if "понято как" in w.message]
    assert any(
        "«общее недоразвитие речи» понято как «тяжёлые нарушения речи»" in m for m in understood
    )


def test_enrolment_over_a_condition_cap_needs_a_reason(sqlite_harness: SiteHarness) -> None:
    harness = sqlite_harness
    _set_up(harness)
    pupils = _children("Звёздочка", SENIOR_BORN, 10, *["ТНР"] * 10)
    pupils += _children("Радуга", MIDDLE_BORN, 5, "ТНР", "ТНР", "ТНР", "ТНР")
    harness.drop("clerk", FormKind.PUPILS, pupils)
    assert _only(harness).verdict is Verdict.ACCEPTED
    enrol = {
        "Вид": "зачисление",
        "Фамилия": "Орлова",
        "Имя": "Вера",
        "Пол": "ж",
        "Дата": date(2026, 11, 16),
        "Основание": "заявление родителя от 10.11.2026 № 5",
    }
    speech = {**enrol, "Дата рождения": SENIOR_BORN, "В группу": "Звёздочка", "ОВЗ": "ТНР"}
    inclusive = {**enrol, "Имя": "Нина", "Дата рождения": MIDDLE_BORN, "В группу": "Радуга"}
    harness.drop("clerk", FormKind.MOVEMENT, [speech, {**inclusive, "ОВЗ": "ЗПР"}], age=20)

    receipt = _only(harness)

    first, second = receipt.errors
    assert first.column == second.column == "В группу"
    assert first.message.startswith(
        "Группа «Звёздочка» заполнена: 10 детей при вместимости по нормативу (ТНР, от 3 лет) 10"
    )
    assert second.message.startswith(
        "В комбинированной группе «Радуга» уже 4 ребёнка с ОВЗ при допустимом числе 4 "
        "(ТНР, от 3 лет)"
    )
    # A child without ОВЗ still fits the combined group; the compensating one takes a reason.
    reason = "решение ПМПК от 12.11.2026 № 44"
    harness.drop(
        "clerk",
        FormKind.MOVEMENT,
        [{**speech, "Обоснование": reason}, inclusive],
        "второй раз.xlsx",
        age=20,
    )
    assert _only(harness).verdict is Verdict.ACCEPTED
    with harness.uow(read_only=True) as uow:
        (orlova,) = uow.movement.find_pupils(PersonName("Орлова", "Вера"), SENIOR_BORN)
    assert orlova.condition is Condition.SEVERE_SPEECH


def test_the_institution_edits_the_caps_table(sqlite_harness: SiteHarness, tmp_path: Path) -> None:
    harness = sqlite_harness
    _set_up(harness)
    harness.drop("clerk", FormKind.PUPILS, _children("Звёздочка", SENIOR_BORN, 9, *["ТНР"] * 9))
    assert _only(harness).verdict is Verdict.ACCEPTED
    # The blank comes filled with the table in force; the methodist edits one row.
    blanks = write_all_blanks(
        tmp_path, form_lists(harness.uow(read_only=True)), form_rows(harness.uow(read_only=True))
    )
    (blank,) = [p for p in blanks if "Наполняемость по нарушениям" in p.name]
    sheet = load_workbook(blank).worksheets[0]
    header = [c.value for c in sheet[HEADER_ROW]]
    table = [
        dict(zip(header, row, strict=True))
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)
        if row[0]
    ]
    assert len(table) == len(Condition)
    speech = table[0]
    assert speech == {
        "Нарушение": "тяжёлые нарушения речи",
        "Компенсирующая, до 3 лет": 6,
        "Компенсирующая, от 3 лет": 10,
        "Комбинированная, до 3 лет: всего": 10,
        "Комбинированная, до 3 лет: из них с ОВЗ": 3,
        "Комбинированная, от 3 лет: всего": 15,
        "Комбинированная, от 3 лет: из них с ОВЗ": 4,
    }
    wrong = {**table[1], "Комбинированная, от 3 лет: из них с ОВЗ": 20}
    harness.drop(
        "methodist", FormKind.CONDITION_CAPS, [{**speech, "Компенсирующая, от 3 лет": 8}, wrong]
    )

    refused = _only(harness)

    (error,) = refused.errors
    assert (error.column, error.row) == ("Комбинированная, от 3 лет: из них с ОВЗ", 6)
    assert error.message == "Детей с ОВЗ (20) не может быть больше, чем детей в группе (15)"
    harness.drop(
        "methodist",
        FormKind.CONDITION_CAPS,
        [{**speech, "Компенсирующая, от 3 лет": 8}],
        "Нарушения, исправлено.xlsx",
    )
    assert _only(harness).verdict is Verdict.ACCEPTED

    rows = _fill_rows(harness)

    assert rows["Звёздочка"]["Предел по нарушениям детей"] == "8 (ТНР, от 3 лет)"
    assert rows["Звёздочка"]["Свободно мест"] == -1
    edited = form_rows(harness.uow(read_only=True))[FormKind.CONDITION_CAPS]
    assert edited[0]["Компенсирующая, от 3 лет"] == 8
    assert edited[1]["Компенсирующая, от 3 лет"] == 12  # the rest keep their defaults


def test_a_group_form_warns_when_the_condition_does_not_fit_the_orientation(
    sqlite_harness: SiteHarness,
) -> None:
    harness = sqlite_harness
    harness.drop_setup(upto=FormKind.GROUPS)
    assert {r.verdict for r in harness.ingest().receipts} == {Verdict.ACCEPTED}
    general = {**INCLUSIVE_GROUP, "Группа": "Ласточка", "Направленность": "общеразвивающая"}
    rows = [{**SPEECH_GROUP, "Нарушение": None}, {**general, "Нарушение": "ЗПР"}]
    harness.drop("clerk", FormKind.GROUPS, rows, "Ещё группы.xlsx")

    receipt = _only(harness)

    assert receipt.verdict is Verdict.ACCEPTED
    assert [w.message for w in receipt.warnings] == [
        "Для компенсирующей группы «Звёздочка» не указано нарушение: предельная наполняемость "
        "будет определяться по нарушениям зачисленных детей",
        "Нарушение «задержка психического развития» указывается только для компенсирующих и "
        "комбинированных групп; для группы общеразвивающей направленности оно не учитывается",
    ]

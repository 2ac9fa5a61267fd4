"""The statistical form engine: cells counted from facts, control relations explained, and
templates refused at the place of their mistake."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sgo_model.domain.errors import DomainError
from sgo_model.domain.statistical_form import (
    Fact,
    check_relations,
    check_template,
    compute,
    parse_template,
)

TEMPLATE = {
    "kind": "test",
    "title": "Проба",
    "form_number": "1-Т",
    "edition": "проба",
    "sections": [
        {
            "code": "7",
            "title": "Дети",
            "unit": "человек",
            "okei": "792",
            "columns": [
                {"number": "3", "label": "Всего"},
                {"number": "4", "label": "до 3 лет", "where": {"age": {"to": 2}}},
                {"number": "5", "label": "3 года и старше", "where": {"age": {"from": 3}}},
            ],
            "lines": [
                {"number": "701", "label": "Всего", "source": "pupils"},
                {"number": "702", "label": "девочки", "source": "pupils",
                 "where": {"sex": "female"}},
                {"number": "703", "label": "дни", "source": "days", "measure": "attended"},
                {"number": "704", "label": "на ребёнка", "kind": "ratio", "of": ["703", "701"]},
                {"number": "705", "label": "есть девочки", "kind": "presence", "of": ["702"]},
            ],
            "relations": ["701 >= 702", {"rule": "3 = 4 + 5", "across": "columns",
                                         "lines": ["701", "702"]}],
        }
    ],
}  # fmt: skip
VOCABULARY = {"pupils": ("age", "sex"), "days": ()}


def _facts() -> list[Fact]:
    return [
        Fact("pupils", {"age": 2, "sex": "female"}, subject="Анна"),
        Fact("pupils", {"age": 4, "sex": "male"}, subject="Борис"),
        Fact("pupils", {"age": 5, "sex": "female"}, subject="Вера"),
        Fact("days", measures={"attended": 7}),
    ]


def test_cells_count_the_facts_of_their_line_and_column_and_trace_who_is_counted() -> None:
    template = parse_template(TEMPLATE, "проба.json")
    check_template(template, VOCABULARY, "проба.json")

    figures, trace = compute(template, _facts())

    assert figures["7"]["701"] == {"3": 3, "4": 1, "5": 2}
    assert figures["7"]["702"] == {"3": 2, "4": 1, "5": 1}
    # A column's condition narrows the facts that carry its attribute only.
    assert figures["7"]["703"] == {"3": 7, "4": 7, "5": 7}
    assert figures["7"]["704"]["3"] == Decimal("2.3")
    assert figures["7"]["705"]["3"] == "да"
    assert trace[("7", "702", "5")] == ["Вера"]
    assert check_relations(template, figures) == []


def test_a_broken_relation_is_explained_with_its_figures() -> None:
    template = parse_template(TEMPLATE, "проба.json")
    figures, _ = compute(template, _facts())
    figures["7"]["702"]["3"] = 5

    failures = check_relations(template, figures)

    assert [f.explanation for f in failures] == [
        "Раздел 7, графа 3: строка 701 ≥ строк 702 не выполнено — 3 < 5 (702)",
        "Раздел 7, строка 702: графа 3 = граф 4 + 5 не выполнено — 5 ≠ 1 (4) + 1 (5) = 2",
    ]


def test_a_template_naming_an_unknown_attribute_line_or_source_is_refused() -> None:
    broken = {**TEMPLATE, "sections": [dict(TEMPLATE["sections"][0])]}  # type: ignore[index]
    section = broken["sections"][0]
    section["lines"] = [
        {"number": "701", "label": "Всего", "source": "pupils", "where": {"colour": "red"}},
        {"number": "702", "label": "?", "source": "toys"},
        {"number": "703", "label": "доля", "kind": "ratio", "of": ["701", "799"]},
    ]
    section["relations"] = ["701 = 702 + 798"]
    template = parse_template(broken, "проба.json")

    with pytest.raises(DomainError) as error:
        check_template(template, VOCABULARY, "проба.json")

    message = error.value.message
    assert "раздел 7, строка 701: у источника нет признака «colour»" in message
    assert "раздел 7, строка 702: неизвестный источник «toys»" in message
    assert "ссылка на несуществующую строку 799" in message
    assert "несуществующие номера 798" in message


def test_a_relation_that_cannot_be_read_is_refused_with_the_template_name() -> None:
    section = {**TEMPLATE["sections"][0], "relations": ["701 ≈ 2"]}  # type: ignore[index]
    broken = {**TEMPLATE, "sections": [section]}

    refused = r"Шаблон отчёта «проба\.json» составлен неверно.*701 ≈ 2"
    with pytest.raises(DomainError, match=refused):
        parse_template(broken, "проба.json")

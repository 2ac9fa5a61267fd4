"""Diagnostics roll up into levels by the institution's thresholds; shares and the analytic
note's sentences agree with their numbers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from sgo_model.domain.curriculum import EducationalArea
from sgo_model.domain.diagnostics import (
    DEFAULT_INDICATORS,
    IN_INSTITUTION,
    Level,
    Period,
    Scale,
    Share,
    Thresholds,
    area_score,
    assess,
    dynamics,
    in_group,
    level_shares,
    post_area,
    standing,
)
from sgo_model.domain.errors import DomainError

SPEECH = EducationalArea.SPEECH
DEFAULT = Thresholds()


@pytest.mark.parametrize(
    ("text", "period"),
    [("начало", Period.START), ("Начало года", Period.START), ("end", Period.END),
     ("конец учебного года", Period.END), ("май", Period.END)],
)  # fmt: skip
def test_a_period_is_read_by_its_name(text: str, period: Period) -> None:
    assert Period.parse(text) is period


def test_an_unknown_period_is_refused_in_russian() -> None:
    with pytest.raises(DomainError, match="Неизвестный этап диагностики «зима»"):
        Period.parse("зима")


def test_an_area_scores_the_mean_of_its_indicators_half_up() -> None:
    assert area_score([4, 4, 5]) == Decimal("4.33")
    assert area_score([3, 4]) == Decimal("3.50")
    assert area_score([1, 2, 2]) == Decimal("1.67")


@pytest.mark.parametrize(
    ("score", "level"),
    [("5", Level.FORMED), ("4.00", Level.FORMED), ("3.99", Level.FORMING),
     ("2.50", Level.FORMING), ("2.49", Level.NOT_FORMED), ("1", Level.NOT_FORMED)],
)  # fmt: skip
def test_levels_follow_the_thresholds(score: str, level: Level) -> None:
    assert DEFAULT.level(Decimal(score)) is level


def test_the_rule_is_printed_in_words() -> None:
    assert DEFAULT.rule == (
        "Уровень по среднему баллу области (шкала 1–5): «сформирован» — от 4, «в стадии "
        "формирования» — от 2,5 до 4, «не сформирован» — ниже 2,5"
    )


def test_thresholds_out_of_order_or_outside_the_scale_are_refused() -> None:
    with pytest.raises(DomainError, match="по возрастанию"):
        Thresholds(Decimal("2"), Decimal("3"))
    with pytest.raises(DomainError, match="шкалы 1–3"):
        Thresholds(Decimal("4"), Decimal("2"), Scale(1, 3))


def test_a_score_outside_the_scale_is_refused() -> None:
    with pytest.raises(DomainError, match="Оценка 6 вне шкалы 1–5"):
        assess("a", {SPEECH: [5, 6]}, DEFAULT)


def test_shares_count_every_level_of_the_children_assessed() -> None:
    scores = [[5, 5], [4, 4], [4, 3], [3, 3], [2, 2], [1, 2], [5, 4], [2, 3]]
    results = [r for i, s in enumerate(scores) for r in assess(f"c{i}", {SPEECH: s}, DEFAULT)]
    shares = level_shares(results)[SPEECH]
    assert {level: share.count for level, share in shares.items()} == {
        Level.FORMED: 3,
        Level.FORMING: 3,
        Level.NOT_FORMED: 2,
    }
    assert shares[Level.FORMED].percent == 38  # 3 of 8 = 37,5 %, half up
    assert shares[Level.FORMED].text == "38\u00a0%"


def test_the_dynamics_sentence_agrees_with_its_numbers() -> None:
    grew = dynamics(in_group("Ромашка"), SPEECH, Level.FORMED, Share(3, 8), Share(5, 7))
    assert grew == (
        "В группе «Ромашка» доля детей со сформированными навыками в речевом развитии "
        "выросла с 38\u00a0% до 71\u00a0%; на конец года оценено 7 детей."
    )
    fell = dynamics(
        in_group("Ромашка"), EducationalArea.PHYSICAL, Level.FORMED, Share(2, 4), Share(1, 1)
    )
    assert "в физическом развитии выросла с 50\u00a0% до 100\u00a0%" in fell
    assert fell.endswith("оценён 1 ребёнок.")
    same = dynamics(in_group("Ромашка"), SPEECH, Level.NOT_FORMED, Share(1, 2), Share(1, 2))
    assert "с несформированными навыками в речевом развитии не изменилась (50\u00a0%)" in same
    assert same.endswith("оценено 2 ребёнка.")
    lower = dynamics(in_group("Ромашка"), SPEECH, Level.FORMING, Share(4, 5), Share(1, 5))
    assert "снизилась с 80\u00a0% до 20\u00a0%" in lower


def test_the_sentence_of_one_period_names_it_and_the_institution() -> None:
    text = standing(IN_INSTITUTION, SPEECH, Level.FORMED, Share(21, 100), Period.START)
    assert text == (
        "На начало учебного года в учреждении доля детей со сформированными навыками в "
        "речевом развитии — 21\u00a0%; оценено 100 детей."
    )
    assert standing(in_group("Ромашка"), SPEECH, Level.FORMED, Share(1, 21), Period.END).endswith(
        "оценён 21 ребёнок."
    )
    assert dynamics(IN_INSTITUTION, SPEECH, Level.FORMED, Share(1, 2), Share(2, 2)).startswith(
        "В учреждении доля детей"
    )


def test_specialists_posts_name_their_area() -> None:
    assert post_area("музыкальный руководитель") is EducationalArea.ARTISTIC
    assert post_area("инструктор по физической культуре") is EducationalArea.PHYSICAL
    assert post_area("учитель-логопед") is EducationalArea.SPEECH
    assert post_area("педагог-психолог") is EducationalArea.SOCIAL
    assert post_area("воспитатель") is None


def test_periods_open_and_fall_due_in_their_calendar_year() -> None:
    assert Period.START.opens(2026) == date(2026, 9, 1)
    assert Period.END.opens(2026) == date(2027, 4, 1)
    assert Period.START.due(2026, "30.09") == date(2026, 9, 30)
    assert Period.END.due(2026, "20.05") == date(2027, 5, 20)


def test_every_area_has_default_indicators() -> None:
    assert set(DEFAULT_INDICATORS) == set(EducationalArea)
    assert all(len(indicators) >= 3 for indicators in DEFAULT_INDICATORS.values())


def test_the_institution_sets_the_scale_and_the_thresholds() -> None:
    from sgo_model.domain.settings import InstitutionSettings, check_setting

    settings = InstitutionSettings(
        diagnostics_scale="0-3", diagnostics_formed_from="2,5", diagnostics_forming_from="1,5"
    )
    thresholds = settings.diagnostics_thresholds
    assert thresholds.scale == Scale(0, 3)
    assert thresholds.level(Decimal("2.5")) is Level.FORMED
    assert InstitutionSettings().diagnostics_thresholds == Thresholds()
    assert check_setting("diagnostics_start_due", " 15.09 ") == "15.09"
    with pytest.raises(DomainError, match="такого дня в месяце нет"):
        check_setting("diagnostics_end_due", "31.04")
    with pytest.raises(DomainError, match="укажите наименьший и наибольший балл"):
        check_setting("diagnostics_scale", "пять")

"""Orders drafted from movement forms, through the flow, read back word by word."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from support import GROUPS, TODAY, SiteHarness

from sgo_model.bootstrap import REPOSITORY_TEMPLATES
from sgo_model.domain.roles import FormKind

pytestmark = pytest.mark.usefixtures("prefect_harness")

ON = date(2027, 1, 11)
PREP = {
    "Группа": "Звёздочка",
    "Возрастная категория": "подготовительная к школе",
    "Направленность": "компенсирующая",
    "Площадь, м²": 40,
}
CHILDREN = [
    ("Сидоров", "Илья", "Кузьмич", "м", date(2022, 4, 1)),
    ("Орлова", "Любовь", "Никитична", None, date(2022, 5, 2)),
    ("Шевчук", "Павел", None, "м", date(2022, 6, 3)),
    ("Шевчук", "Мария", "Ивановна", "ж", date(2022, 7, 4)),
    ("Ли", "Анна-Мария", None, "ж", date(2022, 8, 5)),
    ("Ахметов", "Олжас", "Нурланович", None, date(2022, 9, 6)),
]


def _enrol(
    last: str, first: str, patronymic: str | None, sex: str | None, born: date
) -> dict[str, object]:
    return {
        "Вид": "зачисление",
        "Фамилия": last,
        "Имя": first,
        "Отчество": patronymic,
        "Пол": sex,
        "Дата рождения": born,
        "Дата": ON,
        "В группу": "Ромашка",
        "Основание": "Заявление родителя от 20.12.2026 № 41",
        "Родитель (законный представитель)": f"{last} (родитель)",
    }


def _run(harness: SiteHarness) -> dict[str, object]:
    from flows.intake import intake_flow

    return intake_flow(
        home=str(harness.site.home), database_url=harness.url, settle_seconds=0, today=TODAY
    )


def _order_texts(harness: SiteHarness) -> dict[str, list[str]]:
    with harness.uow() as uow:
        docs = uow.documents.list("order")
    texts = {}
    for doc in docs:
        document = Document(doc.path)
        texts[doc.title] = [p.text for p in document.paragraphs if p.text.strip()]
        texts[doc.title] += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return texts


def test_orders_read_as_a_careful_secretary_would_write_them(
    harness: SiteHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SGO_TEMPLATES", str(REPOSITORY_TEMPLATES))
    harness.drop_setup()
    harness.drop("clerk", FormKind.GROUPS, [*GROUPS, PREP], "группы 2.xlsx", age=20)
    rows = [_enrol(*child) for child in CHILDREN]
    rows.append(
        {
            **_enrol("Гусев", "Никита", "Ильич", None, date(2020, 3, 3)),
            "В группу": "Звёздочка",
            "Дата": date(2027, 1, 12),
        }
    )
    harness.drop("clerk", FormKind.MOVEMENT, rows, "зачисление.xlsx", age=10)
    summary = _run(harness)
    assert summary["rejected"] == 0, summary
    later = [
        {
            "Вид": "перевод",
            "Фамилия": "Сидоров",
            "Имя": "Илья",
            "Отчество": "Кузьмич",
            "Дата рождения": date(2022, 4, 1),
            "Дата": date(2027, 2, 1),
            "В группу": "Солнышко",
        },
        {
            "Вид": "отчисление",
            "Фамилия": "Орлова",
            "Имя": "Любовь",
            "Отчество": "Никитична",
            "Дата рождения": date(2022, 5, 2),
            "Дата": date(2027, 2, 15),
            "Причина выбытия": "перевод в другую ДОО",
            "Куда выбыл": 'МБДОУ "Детский сад № 12"',
        },
        {
            "Вид": "отчисление",
            "Фамилия": "Гусев",
            "Имя": "Никита",
            "Отчество": "Ильич",
            "Дата рождения": date(2020, 3, 3),
            "Дата": date(2027, 5, 31),
            "Причина выбытия": "выпуск в школу",
        },
    ]
    harness.drop("clerk", FormKind.MOVEMENT, later, "движение.xlsx", age=5)
    summary = _run(harness)
    assert summary["rejected"] == 0, summary

    typeset = _order_texts(harness)
    # Typeset as a proofreader wants it: inner quotes „“, no break after «№», «с», «г.р.»…
    nbsp = "\u00a0"
    enrol = typeset["Приказ № 1-д от 01.12.2026 «О зачислении воспитанников»"]
    assert enrol[0] == f"МБДОУ «Детский сад №{nbsp}5 „Берёзка“»"
    assert (
        f"1. Зачислить Ахметова Олжаса Нурлановича, 06.09.2022{nbsp}г.р., в{nbsp}группу"
        in (enrol[6])
    )
    assert enrol[6].endswith(f"для детей 4–5{nbsp}лет с{nbsp}11.01.2027.")
    # The words, with those spaces read as plain ones.
    texts = {k: [t.replace(nbsp, " ") for t in v] for k, v in typeset.items()}
    # Drafted on TODAY (01.12.2026) for the enrolments of 11.01.2027; the paper says no
    # «ПРОЕКТ»: the head signs it as it is.
    enrol = texts["Приказ № 1-д от 01.12.2026 «О зачислении воспитанников»"]
    assert enrol[:4] == [
        "МБДОУ «Детский сад № 5 „Берёзка“»",
        "ПРИКАЗ",
        "«01» декабря 2026 г.\t№ 1-д",
        "О зачислении воспитанников",
    ]
    assert "ПРИКАЗЫВАЮ:" in enrol
    group = "в группу «Ромашка» общеразвивающей направленности для детей 4–5 лет с 11.01.2027."
    expected = [
        f"1. Зачислить Ахметова Олжаса Нурлановича, 06.09.2022 г.р., {group}",
        f"2. Зачислить Ли Анну-Марию, 05.08.2022 г.р., {group}",
        f"3. Зачислить Орлову Любовь Никитичну, 02.05.2022 г.р., {group}",
        f"4. Зачислить Сидорова Илью Кузьмича, 01.04.2022 г.р., {group}",
        f"5. Зачислить Шевчук Марию Ивановну, 04.07.2022 г.р., {group}",
        f"6. Зачислить Шевчука Павла, 03.06.2022 г.р., {group}",
    ]
    for line in expected:
        assert line in enrol, (line, enrol)
    assert "На основании заявления родителя от 20.12.2026 № 41," in " ".join(enrol)

    (transfer,) = [v for k, v in texts.items() if "О переводе воспитанника" in k]
    assert (
        "1. Перевести Сидорова Илью Кузьмича, 01.04.2022 г.р., из группы «Ромашка» "
        "общеразвивающей направленности для детей 4–5 лет в группу «Солнышко» "
        "общеразвивающей направленности для детей 3–4 лет с 01.02.2027."
    ) in transfer
    (withdraw,) = [v for k, v in texts.items() if "Об отчислении воспитанника" in k]
    assert (
        "1. Отчислить Орлову Любовь Никитичну, 02.05.2022 г.р., воспитанницу группы «Ромашка» "
        "общеразвивающей направленности для детей 4–5 лет, из МБДОУ «Детский сад № 5 "
        "„Берёзка“» 15.02.2027 по инициативе родителей "
        "(законных представителей) в связи с переводом в другую организацию, осуществляющую "
        "образовательную деятельность (МБДОУ «Детский сад № 12»)."
    ) in withdraw
    (graduate,) = [v for k, v in texts.items() if "О выпуске" in k]
    assert (
        "1. Отчислить Гусева Никиту Ильича, 03.03.2020 г.р., воспитанника подготовительной к "
        "школе группы «Звёздочка» компенсирующей направленности для детей 6–7 лет, из МБДОУ "
        "«Детский сад № 5 „Берёзка“» 31.05.2027 в связи с "
        "получением образования (завершением обучения)."
    ) in graduate

    with harness.uow() as uow:
        orders = uow.orders.all()
        assert [o.number for o in orders] == ["1-д", "2-д", "3-д", "4-д", "5-д"]
        book = uow.documents.get("movement_book", "current")
    assert book is not None
    sheet = load_workbook(book.path).active
    (orlova,) = [
        row for row in sheet.iter_rows(values_only=True) if row[1] == "Орлова Любовь Никитична"
    ]
    # Enrolled by 1-д, withdrawn by 4-д, both drafted on TODAY and not signed yet; where she
    # went is printed as the clerk typed it.
    assert list(orlova[1:]) == [
        "Орлова Любовь Никитична",
        datetime(2022, 5, 2),
        None,
        "Орлова (родитель)",
        "11.01.2027, приказ № 1-д от 01.12.2026",
        None,
        "Ромашка",
        "15.02.2027, приказ № 4-д от 01.12.2026",
        'МБДОУ "Детский сад № 12" / перевод в другую ДОО',
        "приказ не подписан",
    ]
    assert Path(book.path).exists()

"""Benchmark of documents: 1,000 single-child orders and a 10,000-entry movement book.

Orders are rendered from the committed template twice in the same run: with
:class:`OrderRenderer` (prepared once) and the plain docxtpl way (for each order
``DocxTemplate(path)``, ``render(context)``, ``save``, in the same sandboxed environment).
Then the movement book is written as Excel (all entries) and as Word (all entries, and the
pages of one academic year).

    .venv/bin/python bench/documents.py [--orders N] [--entries N]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable
from dataclasses import fields
from datetime import date, timedelta
from pathlib import Path

from docxtpl import DocxTemplate

from sgo_model.movement.documents.book import (
    BookEntry,
    entries_in_period,
)
from sgo_model.movement.documents.book_docx import write_book_docx
from sgo_model.movement.documents.book_xlsx import write_book_xlsx
from sgo_model.office.order_document import OrderRenderer, OrderText
from sgo_model.office.templating import sandboxed_environment

TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "documents" / "order.docx"
INSTITUTION = (
    "Муниципальное бюджетное дошкольное образовательное учреждение\n«Детский сад № 12 «Ромашка»»"
)
SURNAMES = ("Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов")
GIRLS = ("Марию", "Анну", "Софию", "Еву", "Алису", "Варвару")
BOYS = ("Ивана", "Михаила", "Артёма", "Матвея", "Тимофея", "Льва")
FATHERS = ("Сергеев", "Андреев", "Петров", "Алексеев", "Дмитриев", "Игорев")
GROUPS = ("Ромашка", "Солнышко", "Звёздочка", "Колокольчик", "Берёзка", "Капелька")


def _child(rng: random.Random) -> tuple[str, str]:
    """A child's name in the accusative (for the order) and a guardian in the nominative."""
    surname, father = rng.choice(SURNAMES), rng.choice(FATHERS)
    if rng.random() < 0.5:
        return f"{surname}у {rng.choice(GIRLS)} {father}ну", f"{surname}а Ольга Петровна"
    return f"{surname}а {rng.choice(BOYS)} {father}ича", f"{surname} Андрей Львович"


def make_orders(count: int, seed: int = 1) -> list[OrderText]:
    """``count`` single-child enrolment orders numbered 1-д, 2-д, …"""
    rng = random.Random(seed)
    orders = []
    for n in range(1, count + 1):
        child, guardian = _child(rng)
        day = date(2026, 9, 1) + timedelta(days=n % 120)
        born = date(2021, 1, 1) + timedelta(days=rng.randrange(1500))
        orders.append(
            OrderText(
                institution=INSTITUTION,
                address="620000, г. Энск, ул. Ленина, д. 1, тел. 8 (343) 222-33-44",
                place="г. Энск",
                date=day,
                number=f"{n}-д",
                title="О зачислении воспитанников",
                preamble=(
                    f"На основании заявления родителя (законного представителя) от "
                    f"{day - timedelta(days=10):%d.%m.%Y} № {n}, направления Управления "
                    f"образования от {day - timedelta(days=20):%d.%m.%Y} № {300 + n},"
                ),
                items=[
                    f"Зачислить {child}, {born:%d.%m.%Y} г.р., в группу "
                    f"«{rng.choice(GROUPS)}» общеразвивающей направленности с {day:%d.%m.%Y}."
                ],
                head_post="Заведующий",
                head_name="О. П. Смирнова",
                acquainted=[guardian],
                draft=n % 10 == 0,
            )
        )
    return orders


def make_entries(count: int, seed: int = 2) -> list[BookEntry]:
    """``count`` book entries over the years since 2012, most of them withdrawn by now."""
    rng = random.Random(seed)
    entries = []
    for n in range(1, count + 1):
        child, guardian = _child(rng)
        enrolled = date(2012, 9, 1) + timedelta(days=n * 5000 // count + rng.randrange(30))
        withdrawn = enrolled + timedelta(days=rng.randrange(300, 1500))
        if withdrawn > date(2026, 8, 31):
            withdrawn = None
        entries.append(
            BookEntry(
                number=n,
                pupil=child,
                birth_date=enrolled - timedelta(days=rng.randrange(600, 1800)),
                address=f"г. Энск, ул. Ленина, д. {rng.randrange(1, 90)}, кв. {n % 120 + 1}",
                guardians=f"{guardian}, +7 912 {n % 1000:03d}-{n % 100:02d}-{n % 97:02d}",
                enrolled_on=enrolled,
                enrol_order=f"№ {n % 300 + 1}-д от {enrolled:%d.%m.%Y}",
                arrived_from="из семьи" if n % 4 else "МБДОУ № 7 (перевод)",
                group=rng.choice(GROUPS),
                withdrawn_on=withdrawn,
                withdraw_order=f"№ {n % 300 + 2}-д от {withdrawn:%d.%m.%Y}" if withdrawn else "",
                destination="МАОУ СОШ № 5 / выпуск в школу" if withdrawn else "",
                note="",
                unsigned=withdrawn is None and n % 25 == 0,
            )
        )
    return entries


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _prepared(orders: list[OrderText], out: Path) -> None:
    renderer = OrderRenderer(TEMPLATE)
    for order in orders:
        renderer.render(order, out / f"{order.number}.docx")


def _plain(orders: list[OrderText], out: Path) -> None:
    names = [field.name for field in fields(OrderText)]
    for order in orders:
        document = DocxTemplate(TEMPLATE)
        context = {name: getattr(order, name) for name in names}
        document.render(context, jinja_env=sandboxed_environment(), autoescape=True)
        document.save(out / f"{order.number}.docx")


def main() -> None:
    """Run the benchmark and print seconds, rates and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--orders", type=int, default=1000, help="orders to render each way")
    parser.add_argument("--entries", type=int, default=10_000, help="entries of the book")
    args = parser.parse_args()
    orders = make_orders(args.orders)
    entries = make_entries(args.entries)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "fast").mkdir()
        (root / "plain").mkdir()
        fast = _timed(lambda: _prepared(orders, root / "fast"))
        plain = _timed(lambda: _plain(orders, root / "plain"))
        n = len(orders)
        print(f"{n} single-child orders")
        print(f"  OrderRenderer   {fast:7.2f} s  {n / fast:8.1f} orders/s")
        print(f"  plain docxtpl   {plain:7.2f} s  {n / plain:8.1f} orders/s")
        print(f"  ratio           {plain / fast:7.1f}×")

        year = (date(2025, 9, 1), date(2026, 8, 31))
        chosen = len(entries_in_period(entries, year))
        first = entries[:2000]
        xlsx = _timed(lambda: write_book_xlsx(INSTITUTION, entries, root / "book.xlsx"))
        docx = _timed(lambda: write_book_docx(INSTITUTION, entries, None, root / "book.docx"))
        part = _timed(lambda: write_book_docx(INSTITUTION, first, None, root / "part.docx"))
        pages = _timed(lambda: write_book_docx(INSTITUTION, entries, year, root / "year.docx"))
        print(f"movement book of {len(entries)} entries")
        print(f"  xlsx, all {len(entries)} entries    {xlsx:6.2f} s")
        print(f"  docx, all {len(entries)} entries    {docx:6.2f} s")
        print(f"  docx, first {len(first)} entries   {part:6.2f} s")
        print(f"  docx, 2025/2026: {chosen} rows {pages:6.2f} s")


if __name__ == "__main__":
    main()

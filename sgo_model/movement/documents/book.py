"""The movement book (книга учёта движения воспитанников): its entries and columns.

The book is cumulative across years, so it grows to thousands of rows. Two writers print it:
:mod:`.book_xlsx` the whole book in Excel, :mod:`.book_docx` the pages of a period in Word.
Both make their frame (styles, page, header) with openpyxl or python-docx once and write the
entries' rows as XML text.

An entry whose order is not signed yet stays in the book but is marked: its note says
«приказ не подписан» and the whole row is printed in grey italics.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sgo_model.office.russian import short_date

__all__ = [
    "BOOK_COLUMNS",
    "BOOK_TITLE",
    "FONT",
    "GREY",
    "UNSIGNED_NOTE",
    "BookEntry",
    "book_row",
    "entries_in_period",
]

BOOK_TITLE = "Книга учёта движения воспитанников"
UNSIGNED_NOTE = "приказ не подписан"
BOOK_COLUMNS: tuple[str, ...] = (
    "№ п/п",
    "ФИО ребёнка",
    "Дата рождения",
    "Домашний адрес",
    "ФИО родителей (законных представителей), телефон",
    "Дата зачисления, № и дата приказа",
    "Откуда прибыл",
    "Группа",
    "Дата отчисления, № и дата приказа",
    "Куда выбыл / причина",
    "Примечание",
)
"""The book's columns, in order, as printed in its header."""

FONT = "Times New Roman"
"""The book's typeface in both formats."""
GREY = "7F7F7F"
"""The colour of an entry whose order is not signed yet."""


@dataclass(frozen=True, slots=True)
class BookEntry:
    """One line of the movement book: a child's stay in the institution.

    ``enrol_order`` and ``withdraw_order`` read like «№ 12-д от 01.09.2026» (empty when
    there is none yet); ``unsigned`` is true while an order of the entry is not signed.
    """

    number: int
    pupil: str
    birth_date: date
    address: str
    guardians: str
    enrolled_on: date | None
    enrol_order: str
    arrived_from: str
    group: str
    withdrawn_on: date | None
    withdraw_order: str
    destination: str
    note: str
    unsigned: bool


def book_row(entry: BookEntry) -> tuple[str, ...]:
    """The entry's eleven cells as printed text, in the order of :data:`BOOK_COLUMNS`."""
    return (
        str(entry.number),
        entry.pupil,
        short_date(entry.birth_date),
        entry.address,
        entry.guardians,
        _event(entry.enrolled_on, entry.enrol_order),
        entry.arrived_from,
        entry.group,
        _event(entry.withdrawn_on, entry.withdraw_order),
        entry.destination,
        _note(entry),
    )


def entries_in_period(entries: Sequence[BookEntry], period: tuple[date, date]) -> list[BookEntry]:
    """The entries enrolled or withdrawn between the period's first and last day inclusive."""
    first, last = period
    if first > last:
        raise ValueError(f"Начало периода {short_date(first)} позже конца {short_date(last)}")
    return [
        entry
        for entry in entries
        if any(
            moment is not None and first <= moment <= last
            for moment in (entry.enrolled_on, entry.withdrawn_on)
        )
    ]


def _event(on: date | None, order: str) -> str:
    # Accept «приказ № 12-д от …» as well as the documented «№ 12-д от …».
    if order and not order.lower().startswith("приказ"):
        order = f"приказ {order}"
    if on is None:
        return order
    return f"{short_date(on)}, {order}" if order else short_date(on)


def _note(entry: BookEntry) -> str:
    if not entry.unsigned or UNSIGNED_NOTE in entry.note:
        return entry.note
    return f"{entry.note}; {UNSIGNED_NOTE}" if entry.note else UNSIGNED_NOTE

"""Field types for row schemas: they read what people type into cells, with Russian errors."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, TypeVar

from pydantic import BeforeValidator, ValidationInfo
from pydantic_core import PydanticCustomError

from sgo_model.domain.age import AgeCategory, Orientation
from sgo_model.domain.conditions import Condition
from sgo_model.domain.errors import DomainError
from sgo_model.domain.people import Sex, check_account, check_name_part
from sgo_model.domain.stay import StayMode
from sgo_model.domain.text import squeeze

T = TypeVar("T")

REQUIRED = "Обязательное поле не заполнено"
_EXCEL_EPOCH = date(1899, 12, 30)
_DATE_TEXT = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s*г\.?)?$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?$")


def fail(message: str) -> PydanticCustomError:
    """A validation error whose message is shown to the user as is."""
    # The text goes in as context, so braces typed by a user are never read as placeholders.
    return PydanticCustomError("sgo", "{message}", {"message": message})


def _read(value: Any, parse: Callable[[Any], T], required: bool) -> T | None:
    if value is None or (value.__class__ is str and not value.strip()):
        if required:
            raise fail(REQUIRED)
        return None
    try:
        return parse(value)
    except DomainError as error:
        raise fail(error.message) from None


def _wrap(parse: Callable[[Any], T], *, required: bool) -> Callable[[Any], T | None]:
    def validate(value: Any) -> T | None:
        return _read(value, parse, required)

    return validate


_TODAY = "today"


def reading_on(today: date) -> dict[str, date]:
    """The validation context of rows read on ``today`` (what «not in the future» means)."""
    return {_TODAY: today}


def _dated(
    parse: Callable[[Any, date], T], *, required: bool
) -> Callable[[Any, ValidationInfo], T | None]:
    """A field whose check depends on the day the row is read (``context=reading_on(day)``)."""

    def validate(value: Any, info: ValidationInfo) -> T | None:
        context = info.context
        today = context.get(_TODAY) if isinstance(context, dict) else None
        if not isinstance(today, date):
            # A programming error, not the user's: it must not turn into a cell message.
            raise TypeError("a dated field was validated without context=reading_on(today)")
        return _read(value, lambda cell: parse(cell, today), required)

    return validate


def cell(parse: Callable[[Any], T]) -> Any:
    """A required field read by ``parse``."""
    return BeforeValidator(_wrap(parse, required=True))


def optional_cell(parse: Callable[[Any], T]) -> Any:
    """An optional field read by ``parse`` (blank is ``None``)."""
    return BeforeValidator(_wrap(parse, required=False))


def to_text(value: Any) -> str:
    """Text as typed, squeezed; numbers typed into text columns lose a trailing ``.0``."""
    if value.__class__ is str:
        return squeeze(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return squeeze(str(value))


def to_date(value: Any) -> date:
    """A date from an Excel date cell, an Excel serial number, or ``дд.мм.гггг`` text."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise DomainError(f"«{value}» не похоже на дату; ожидается дд.мм.гггг")
    text = squeeze(str(value))
    match = _DATE_TEXT.match(text)
    if match:
        day, month, year = int(match[1]), int(match[2]), int(match[3])
    else:
        iso = _ISO_DATE.match(text)
        if not iso:
            raise DomainError(f"«{text}» не похоже на дату; ожидается дд.мм.гггг")
        year, month, day = int(iso[1]), int(iso[2]), int(iso[3])
    try:
        return date(year, month, day)
    except ValueError:
        raise DomainError(f"Даты «{text}» не существует") from None


def to_decimal(value: Any) -> Decimal:
    """A decimal number; a comma is accepted as the decimal separator."""
    if isinstance(value, bool):
        raise DomainError(f"«{value}» не является числом")
    if isinstance(value, int | float):
        return Decimal(str(value))
    text = squeeze(str(value)).replace(" ", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise DomainError(f"«{value}» не является числом") from None
    if not number.is_finite():
        raise DomainError(f"«{value}» не является числом")
    return number


def to_int(value: Any) -> int:
    """A whole number."""
    number = to_decimal(value)
    if number != number.to_integral_value():
        raise DomainError(f"«{value}» не является целым числом")
    return int(number)


def positive_int(value: Any) -> int:
    """A whole number greater than zero."""
    number = to_int(value)
    if number <= 0:
        raise DomainError(f"Число должно быть больше нуля, указано {number}")
    return number


def past_date(value: Any, today: date) -> date:
    """A date not after ``today`` and not absurdly old (birth dates, hiring dates)."""
    day = to_date(value)
    if day > today:
        raise DomainError(f"Дата {day:%d.%m.%Y} ещё не наступила")
    if day.year < 1940:
        raise DomainError(f"Дата {day:%d.%m.%Y} неправдоподобна")
    return day


Text = Annotated[str, cell(to_text)]
OptionalText = Annotated[str | None, optional_cell(to_text)]
Date = Annotated[date, cell(to_date)]
OptionalDate = Annotated[date | None, optional_cell(to_date)]
PastDate = Annotated[date, BeforeValidator(_dated(past_date, required=True))]
OptionalPastDate = Annotated[date | None, BeforeValidator(_dated(past_date, required=False))]
PositiveInt = Annotated[int, cell(positive_int)]
OptionalPositiveInt = Annotated[int | None, optional_cell(positive_int)]
Number = Annotated[Decimal, cell(to_decimal)]
OptionalNumber = Annotated[Decimal | None, optional_cell(to_decimal)]


def split_list(text: str | None) -> tuple[str, ...]:
    """Items of a list typed in one cell, separated by ``;`` or ``,``."""
    if not text:
        return ()
    return tuple(item for item in (squeeze(p) for p in re.split(r"[;,\n]", text)) if item)


def text_parser(parse: Callable[[str], T]) -> Callable[[Any], T]:
    """A cell parser that reads the cell as text first."""

    def parse_cell(value: Any) -> T:
        return parse(to_text(value))

    return parse_cell


def _name_part(what: str) -> Callable[[Any], str]:
    return text_parser(lambda text: check_name_part(text, what))


def group_name(text: str) -> str:
    """A group's name as typed, the quotes around it dropped: «"Ромашка"» → «Ромашка»."""
    return squeeze(text).strip("«»\"'„“” ")


LastName = Annotated[str, cell(_name_part("Фамилия"))]
FirstName = Annotated[str, cell(_name_part("Имя"))]
OptionalPatronymic = Annotated[str | None, optional_cell(_name_part("Отчество"))]
OptionalSex = Annotated[Sex | None, optional_cell(text_parser(Sex.parse))]
OptionalAccount = Annotated[str | None, optional_cell(text_parser(check_account))]
"""A personal account (лицевой счёт), typed as text or as a number."""
GroupName = Annotated[str, cell(text_parser(group_name))]
"""A group's name as typed, the «» or quotes around it dropped."""
OptionalGroupName = Annotated[str | None, optional_cell(text_parser(group_name))]
Category = Annotated[AgeCategory, cell(text_parser(AgeCategory.parse))]
OrientationField = Annotated[Orientation, cell(text_parser(Orientation.parse))]
ConditionField = Annotated[Condition, cell(text_parser(Condition.parse))]
OptionalCondition = Annotated[Condition | None, optional_cell(text_parser(Condition.parse))]
"""A child's condition (нарушение, ОВЗ) by name or abbreviation («ТНР», «ЗПР»)."""
OptionalStayMode = Annotated[StayMode | None, optional_cell(text_parser(StayMode.parse))]
"""A group's mode of stay (режим пребывания); blank: the full day."""

"""Institution settings that documents read: letterhead, signatory, order registers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

from sgo_model.domain.errors import DomainError


@dataclass(frozen=True)
class InstitutionSettings:
    """Editable settings (``sgo settings set KEY VALUE``); never hard-coded in documents."""

    pupil_register: str = "д"
    """Index of the register of orders on pupils: «12-д»."""
    main_register: str = "ОД"
    """Index of the register of orders on the main activity: «5-ОД»."""
    place: str = ""
    """Where orders are issued, printed under «ПРИКАЗ»: «г. Энск»."""
    address: str = ""
    """Postal address under the institution's name in the letterhead."""
    head_post: str = "Заведующий"
    """Post of the signatory of orders."""
    head_name: str = ""
    """Signatory's name as signed: «О. П. Смирнова» (empty: taken from the staff list)."""
    attendance_due_day: str = "5"
    """Day of the next month by which a group's attendance sheet is due."""

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """Names of the settings."""
        return tuple(f.name for f in fields(cls))

    @classmethod
    def from_mapping(cls, values: Mapping[str, str]) -> InstitutionSettings:
        """Settings from stored key/value pairs (unknown keys ignored)."""
        known = set(cls.names())
        return cls(**{k: v for k, v in values.items() if k in known})


def check_setting(key: str, value: str) -> str:
    """Validate one setting; registers must be short and made of letters."""
    if key not in InstitutionSettings.names():
        allowed = ", ".join(InstitutionSettings.names())
        raise DomainError(f"Неизвестная настройка «{key}». Допустимо: {allowed}")
    value = value.strip()
    if key.endswith("_register") and not (value.isalpha() and 1 <= len(value) <= 6):
        raise DomainError(f"Индекс журнала приказов «{value}» должен состоять из 1–6 букв")
    if key == "attendance_due_day" and not (value.isdigit() and 1 <= int(value) <= 28):
        raise DomainError(f"Срок сдачи табеля «{value}»: укажите число месяца от 1 до 28")
    return value

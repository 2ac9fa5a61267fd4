"""Where a child's notices are filed: ``outbox/families/<child>/``."""

from __future__ import annotations

from datetime import date

from sgo_model.domain.people import PersonName
from sgo_model.office.names import PART_BYTES, safe_name


def pupil_folder(name: PersonName, birth_date: date) -> str:
    """A child's folder: «Иванова Мария Сергеевна 12.03.2022» (the birth date tells apart
    namesakes)."""
    return safe_name(f"{name.full} {birth_date:%d.%m.%Y}", limit=PART_BYTES)

"""What transfers register with intake: a zipped transfer bag from another kindergarten (a
bag dropped as a folder is zipped by the inbox first)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sgo_model.domain.errors import DomainError
from sgo_model.domain.people import Sex
from sgo_model.domain.problems import Problem
from sgo_model.domain.roles import SETUP_ORDER, FormKind
from sgo_model.intake.outcome import Outcome
from sgo_model.intake.registry import Content, ReaderRegistry, Submitter
from sgo_model.intake.source import Source
from sgo_model.office.bags import is_zipped_bag
from sgo_model.store.uow import SqlUnitOfWork
from sgo_model.transfers.package import ReceivedTransfer, read_transfer

TRANSFER_ARRIVAL = "transfer"
"""The submission kind of a received transfer bag."""


@dataclass
class ArrivedTransfer:
    """A verified transfer bag, to record as a draft enrolment."""

    transfer: ReceivedTransfer
    problems: list[Problem] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return TRANSFER_ARRIVAL

    @property
    def title(self) -> str:
        return "Пакет перевода воспитанника"

    @property
    def rank(self) -> int:
        return len(SETUP_ORDER)

    @property
    def rows(self) -> int:
        return 1

    @property
    def sheet(self) -> str | None:
        return None

    def check_rights(self, submitter: Submitter) -> None:
        allowed = FormKind.MOVEMENT.allowed_roles
        if submitter.role not in allowed:
            who = ", ".join(sorted(r.label for r in allowed))
            raise DomainError(
                f"Пакеты перевода принимает тот, кто оформляет движение воспитанников ({who}); "
                f"пользователь «{submitter.login}» — {submitter.role.label}"
            )

    def apply(
        self, uow: SqlUnitOfWork, submission_id: int, submitter: Submitter, today: date
    ) -> Outcome:
        t = self.transfer
        waiting = uow.transfers.open_draft(t.name, t.birth_date)
        if waiting is not None:
            raise DomainError(
                f"Перевод ребёнка {t.name.full}, {t.birth_date:%d.%m.%Y} г.р., уже получен "
                f"(№ {waiting.id}) и ждёт зачисления"
            )
        number = uow.transfers.add(
            t.sender, t.sender_inn, t.name, t.birth_date, t.payload, submission_id
        )
        withdrawn = "отчислена" if t.sex is Sex.FEMALE else "отчислен"
        return Outcome(
            created=1,
            note=(
                f"Перевод № {number}: {t.name.full}, {t.birth_date:%d.%m.%Y} г.р., из "
                f"{t.sender}, {withdrawn} там с {t.withdrawn_on:%d.%m.%Y}. Зачислите ребёнка "
                f"строкой формы движения или командой sgo transfers accept {number} "
                "--group ГРУППА --date ДД.ММ.ГГГГ."
            ),
        )


class TransferReader:
    """A zip holding a BagIt bag."""

    def recognises(self, source: Source) -> bool:
        return source.suffix == ".zip" and is_zipped_bag(source.data)

    def read(self, source: Source, today: date) -> Content:
        return ArrivedTransfer(read_transfer(source.data, source.name))


def register(readers: ReaderRegistry) -> None:
    """Register the transfer bag with intake."""
    readers.add(TransferReader())

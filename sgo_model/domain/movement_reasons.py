"""Kinds of orders about the movement of pupils and the reasons for withdrawal (отчисление)."""

from __future__ import annotations

import enum

from sgo_model.domain.errors import DomainError
from sgo_model.domain.text import by_meaning, fold


class OrderKind(enum.Enum):
    """Вид приказа о движении воспитанников; the value is the code used in the store."""

    ENROL = "enrol"
    TRANSFER = "transfer"
    WITHDRAW = "withdraw"
    GRADUATE = "graduate"
    PROMOTE = "promote"

    @property
    def code(self) -> str:
        """The short code: ``enrol``, ``transfer``, ``withdraw``, ``graduate``, ``promote``."""
        return self.value

    @property
    def label(self) -> str:
        """The Russian name of the event: «зачисление», «выпуск»…"""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    OrderKind.ENROL: "зачисление",
    OrderKind.TRANSFER: "перевод в другую группу",
    OrderKind.WITHDRAW: "отчисление",
    OrderKind.GRADUATE: "выпуск",
    OrderKind.PROMOTE: "перевод в следующую возрастную группу",
}


class WithdrawalReason(enum.Enum):
    """Основание отчисления (ч. 1 и 2 ст. 61 Федерального закона № 273-ФЗ)."""

    GRADUATION = "graduation"
    PARENTS_INITIATIVE = "parents_initiative"
    TRANSFER_TO_ANOTHER = "transfer_to_another"
    CIRCUMSTANCES = "circumstances"

    @property
    def label(self) -> str:
        """The short name for forms: «выпуск в школу», «перевод в другую ДОО»…"""
        return _REASON_LABELS[self]

    @property
    def wording(self) -> str:
        """The phrase that ends an order item: «в связи с получением образования (…)»."""
        return _REASON_WORDING[self]

    @classmethod
    def parse(cls, text: str) -> WithdrawalReason:
        """Read a reason as people write it: its label, code or the law's wording, or any
        phrase that carries its meaning («по заявлению родителей», «перевод в другую
        организацию, осуществляющую образовательную деятельность…»); case, ``ё`` and extra
        words do not matter. Only a text of no known meaning is refused, with the choices."""
        key = fold(text).strip(" .,;")
        for reason in cls:
            known = (reason.value, reason.label, reason.wording, *_REASON_ALIASES[reason])
            if key in (fold(k) for k in known):
                return reason
        found = by_meaning(text, _REASON_MEANINGS)
        if found is not None:
            return found
        allowed = ", ".join(f"«{r.label}»" for r in cls)
        raise DomainError(f"Неизвестная причина отчисления «{text}». Допустимо: {allowed}")


_REASON_LABELS = {
    WithdrawalReason.GRADUATION: "выпуск в школу",
    WithdrawalReason.PARENTS_INITIATIVE: "по инициативе родителей",
    WithdrawalReason.TRANSFER_TO_ANOTHER: "перевод в другую ДОО",
    WithdrawalReason.CIRCUMSTANCES: "по обстоятельствам, не зависящим от воли сторон",
}
_REASON_WORDING = {
    WithdrawalReason.GRADUATION: "в связи с получением образования (завершением обучения)",
    WithdrawalReason.PARENTS_INITIATIVE: "по инициативе родителей (законных представителей)",
    WithdrawalReason.TRANSFER_TO_ANOTHER: (
        "по инициативе родителей (законных представителей) в связи с переводом в другую "
        "организацию, осуществляющую образовательную деятельность"
    ),
    WithdrawalReason.CIRCUMSTANCES: (
        "по обстоятельствам, не зависящим от воли родителей (законных представителей) и организации"
    ),
}
# Spellings people actually type into the «Причина» column of a form.
_REASON_ALIASES: dict[WithdrawalReason, tuple[str, ...]] = {
    WithdrawalReason.GRADUATION: (
        "выпуск",
        "в школу",
        "выпуск в школу",
        "получение образования",
        "завершение обучения",
    ),
    WithdrawalReason.PARENTS_INITIATIVE: (
        "по желанию родителей",
        "по заявлению родителей",
        "инициатива родителей",
    ),
    WithdrawalReason.TRANSFER_TO_ANOTHER: (
        "перевод",
        "перевод в другую доу",
        "перевод в другой детский сад",
        "перевод в другую организацию",
        "перевод в другую образовательную организацию",
    ),
    WithdrawalReason.CIRCUMSTANCES: (
        "по обстоятельствам",
        "не зависящим от воли сторон",
        "по обстоятельствам, не зависящим от воли родителей",
    ),
}
# What each reason means, by the stems of its key words; the first that fits wins, so the
# more particular meanings come first («по заявлению родителей о переводе в другой детский
# сад» is a transfer, «по обстоятельствам, не зависящим от воли родителей» no initiative).
_REASON_MEANINGS: tuple[tuple[WithdrawalReason, tuple[tuple[str, ...], ...]], ...] = (
    (
        WithdrawalReason.TRANSFER_TO_ANOTHER,
        (
            ("перевод",),
            ("перевед",),
            ("друг", "организац"),
            ("друг", "доо"),
            ("друг", "доу"),
            ("друг", "сад"),
            ("друг", "учрежден"),
        ),
    ),
    (
        WithdrawalReason.GRADUATION,
        (("выпуск",), ("школ",), ("получен", "образован"), ("заверш", "обучен"), ("оконч",)),
    ),
    (WithdrawalReason.CIRCUMSTANCES, (("обстоятельств",), ("не", "завис"))),
    (
        WithdrawalReason.PARENTS_INITIATIVE,
        (("родител",), ("заявлен",), ("желан",), ("инициатив",), ("законн", "представ")),
    ),
)

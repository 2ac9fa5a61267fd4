"""Institution settings that documents read: letterhead, signatory, order registers, the
scale and levels of diagnostics."""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Mapping
from dataclasses import dataclass, fields
from decimal import Decimal
from zoneinfo import available_timezones

from sgo_model.domain.attendance import FeeRule
from sgo_model.domain.diagnostics import Scale, Thresholds
from sgo_model.domain.errors import DomainError
from sgo_model.domain.people import check_email, parse_consent

_RATE = re.compile(r"\d{1,6}(?:[,.]\d{1,2})?")
_SCALE = re.compile(r"[0-9]-(?:[1-9]|10)")
_SCORE = re.compile(r"\d{1,2}(?:[,.]\d{1,2})?")
_HOST = re.compile(r"[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]+\]")


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


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
    unsigned_order_days: str = "10"
    """Days after its date an order still unsigned is overdue (the head is reminded)."""
    okpo: str = ""
    """The institution's ОКПО code (8 or 10 digits), in the timesheet's codes box."""
    inn: str = ""
    """The institution's ИНН (10 digits), which names it in report packages."""
    oktmo: str = ""
    """The ОКТМО code of the institution's territory (8 or 11 digits), in 85-К's codes box."""
    authority_inbox: str = ""
    """The folder of the education authority that report packages are sent to."""
    fee_rule: str = FeeRule.ATTENDED.value
    """Which days parents pay for (the local fee regulation): ``attended``, or
    ``attended_unexcused`` (also absences without a good reason)."""
    daily_rate: str = ""
    """The parental fee per day in roubles («150,00»), the timesheet's «Плата по ставке»."""
    diagnostics_scale: str = "1-5"
    """The scores of pedagogical diagnostics: «1-5»."""
    diagnostics_formed_from: str = "4"
    """An area's mean score from which the level is «сформирован»."""
    diagnostics_forming_from: str = "2,5"
    """An area's mean score from which the level is «в стадии формирования»."""
    diagnostics_start_due: str = "30.09"
    """Day and month by which the start-of-year diagnostics are due."""
    diagnostics_end_due: str = "20.05"
    """Day and month by which the end-of-year diagnostics are due."""
    time_zone: str = "Europe/Moscow"
    """The kindergarten's clock (an IANA zone, «Asia/Vladivostok»): the day a file came in,
    and the hour of the daily schedules."""
    smtp_host: str = ""
    """The mail server notices to families are sent through (empty: they wait in the outbox
    to be printed)."""
    smtp_port: str = "587"
    """Its port: 587 with STARTTLS, 465 for TLS from the start, 25 without."""
    smtp_starttls: str = "да"
    """Whether to switch to TLS (STARTTLS) before logging in: «да» or «нет»."""
    smtp_user: str = ""
    """The login on the mail server (the password is never stored: it is read from the
    environment variable SGO_SMTP_PASSWORD)."""
    smtp_sender: str = ""
    """The sender's address of notices: «detsad11@edu.ensk.ru»."""

    @property
    def diagnostics_thresholds(self) -> Thresholds:
        """The levels of diagnostics as these settings define them."""
        low, _, high = self.diagnostics_scale.partition("-")
        return Thresholds(
            _decimal(self.diagnostics_formed_from),
            _decimal(self.diagnostics_forming_from),
            Scale(int(low), int(high)),
        )

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
    if key == "unsigned_order_days" and not (value.isdigit() and 1 <= int(value) <= 365):
        raise DomainError(f"Срок подписания приказа «{value}»: укажите число дней от 1 до 365")
    if key == "attendance_due_day" and not (value.isdigit() and 1 <= int(value) <= 28):
        raise DomainError(f"Срок сдачи табеля «{value}»: укажите число месяца от 1 до 28")
    if key == "okpo" and value and not (value.isdigit() and len(value) in (8, 10)):
        raise DomainError(f"Код ОКПО «{value}» должен состоять из 8 или 10 цифр")
    if key == "inn" and value and not (value.isdigit() and len(value) == 10):
        raise DomainError(f"ИНН организации «{value}» должен состоять из 10 цифр")
    if key == "oktmo" and value and not (value.isdigit() and len(value) in (8, 11)):
        raise DomainError(f"Код ОКТМО «{value}» должен состоять из 8 или 11 цифр")
    if key == "fee_rule":
        FeeRule.parse(value)
    if key == "diagnostics_scale" and not _SCALE.fullmatch(value):
        raise DomainError(f"Шкала диагностики «{value}»: укажите наименьший и наибольший балл, 1-5")
    if key in ("diagnostics_formed_from", "diagnostics_forming_from") and not _SCORE.fullmatch(
        value
    ):
        raise DomainError(f"Порог уровня «{value}»: укажите средний балл, например 2,5")
    if key.startswith("diagnostics_") and key.endswith("_due"):
        day, _, month = value.partition(".")
        if not (day.isdigit() and month.isdigit() and 1 <= int(month) <= 12):
            raise DomainError(f"Срок диагностики «{value}»: укажите день и месяц, например 30.09")
        if not 1 <= int(day) <= monthrange(2024, int(month))[1]:
            raise DomainError(f"Срок диагностики «{value}»: такого дня в месяце нет")
    if key == "time_zone" and value not in available_timezones():
        raise DomainError(
            f"Часовой пояс «{value}» неизвестен: укажите его по базе IANA, например Europe/Moscow "
            "или Asia/Vladivostok"
        )
    if key == "smtp_port" and not (value.isdigit() and 1 <= int(value) <= 65535):
        raise DomainError(f"Порт почтового сервера «{value}»: укажите число от 1 до 65535")
    if key == "smtp_starttls":
        value = "да" if parse_consent(value) else "нет"
    if key == "smtp_sender" and value:
        value = check_email(value)
    if key == "smtp_host" and value and not _HOST.fullmatch(value):
        raise DomainError(f"Почтовый сервер «{value}»: укажите имя или адрес, smtp.mail.ru")
    if key == "daily_rate" and value:
        if not _RATE.fullmatch(value):
            raise DomainError(f"Плата за день «{value}»: укажите сумму в рублях, например 150,00")
        value = format_rate(value)
    return value


def format_rate(value: str) -> str:
    """A daily rate as the timesheet prints it: «150,00»."""
    roubles, _, kopecks = value.replace(".", ",").partition(",")
    return f"{int(roubles)},{kopecks.ljust(2, '0')}"

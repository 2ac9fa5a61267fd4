"""Setting up a site: the institution, its academic year and calendar, the first account."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sgo_model.domain.calendar import AcademicYear, DayOverride, WorkingCalendar
from sgo_model.domain.errors import DomainError
from sgo_model.domain.limits import sanpin_defaults
from sgo_model.domain.people import check_login
from sgo_model.domain.roles import Role
from sgo_model.domain.settings import check_setting
from sgo_model.office.site import Site
from sgo_model.setup.production_calendar import russian_calendar
from sgo_model.store.uow import SqlUnitOfWork

INBOX_README = """\
Входящие документы

Каждый пользователь кладёт заполненные бланки в свою папку: inbox/<логин>/.
Система забирает файл, проверяет его целиком и отвечает в той же папке:
  accepted/ — файл принят: оригинал и квитанция;
  rejected/ — файл отклонён: оригинал, квитанция со списком ошибок
              и копия книги, где ошибочные ячейки выделены и прокомментированы.
Файл применяется целиком или не применяется совсем; один и тот же файл
не применяется дважды, как бы он ни назывался.
Бланки форм: команда `sgo forms --out ПАПКА` или папка templates/forms/.
"""


@dataclass(frozen=True)
class InitResult:
    """What ``init`` did."""

    institution: str
    year: AcademicYear
    admin: str
    admin_created: bool
    year_created: bool


def init_site(
    site: Site, uow: SqlUnitOfWork, institution: str, year_label: str, admin: str = "admin"
) -> InitResult:
    """Create (or update) the institution, open the academic year, seed limits, add the admin."""
    name = institution.strip()
    if not name:
        raise DomainError("Укажите наименование учреждения")
    login = check_login(admin)
    year = AcademicYear.parse(year_label)
    site.ensure()
    readme = site.inbox / "README.txt"
    if not readme.exists():
        readme.write_text(INBOX_README, encoding="utf-8")
    with uow:
        uow.institution.save(name, None)
        year_created = uow.institution.open_year(year)
        holidays, workdays = russian_calendar(year)
        uow.calendar.replace_production_days(year.first_day, year.last_day, holidays, workdays)
        existing = uow.groups.limits()
        for limits in sanpin_defaults():
            if limits.category not in existing:
                uow.groups.save_limits(limits)
        user = uow.staff.user(login)
        if user is None:
            uow.staff.save_user(login, Role.ADMIN, None)
        uow.commit()
    site.user_inbox(login).mkdir(parents=True, exist_ok=True)
    return InitResult(name, year, login, user is None, year_created)


def add_user(site: Site, uow: SqlUnitOfWork, login: str, role: Role) -> bool:
    """Create or change an account and its inbox folder; ``True`` when created."""
    login = check_login(login)
    with uow:
        created = uow.staff.save_user(login, role, None)
        uow.commit()
    site.user_inbox(login).mkdir(parents=True, exist_ok=True)
    return created


def set_setting(uow: SqlUnitOfWork, key: str, value: str) -> str:
    """Check and store an institution setting in the caller's unit of work; the value kept."""
    checked = check_setting(key, value)
    uow.settings.set(key, checked)
    return checked


def set_day(uow: SqlUnitOfWork, day: date, working: bool, reason: str) -> WorkingCalendar:
    """Record an institution's own working or non-working day (summer closure, repair day)."""
    if not reason.strip():
        raise DomainError("Укажите причину изменения календаря")
    with uow:
        uow.calendar.set_override(DayOverride(day, working, reason.strip()))
        uow.commit()
        return uow.calendar.load()


def working_calendar(uow: SqlUnitOfWork) -> WorkingCalendar:
    """The institution's working calendar."""
    with uow:
        return uow.calendar.load()

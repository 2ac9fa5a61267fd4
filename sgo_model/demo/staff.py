"""The demo's staff list (Сотрудники): posts, people, hiring dates, logins and roles."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sgo_model.demo.dates import workday
from sgo_model.demo.names import GRANDFATHERS, SURNAMES, WOMEN, translit
from sgo_model.domain.roles import Role


@dataclass(frozen=True)
class Post:
    """A post (должность): its title, the role of its account if it has one, how often a
    woman holds it, and the rates (ставки) it is held at."""

    title: str
    role: Role | None
    female_share: float
    rates: tuple[float, ...]


HEAD = Post("заведующий", Role.HEAD, 0.9, (1.0,))
METHODIST = Post("старший воспитатель", Role.METHODIST, 1.0, (1.0,))
CLERK = Post("делопроизводитель", Role.CLERK, 1.0, (1.0, 0.75))
TEACHER = Post("воспитатель", Role.TEACHER, 0.96, (1.0, 1.0, 1.0, 1.25, 0.75))
MUSIC = Post("музыкальный руководитель", Role.SPECIALIST, 0.85, (1.0, 1.25))
PE = Post("инструктор по физической культуре", Role.SPECIALIST, 0.5, (1.0, 1.25))
LOGOPED = Post("учитель-логопед", Role.SPECIALIST, 1.0, (1.0,))
_PSYCHOLOGIST = Post("педагог-психолог", None, 1.0, (0.5, 1.0))
_NURSE = Post("медицинская сестра", Role.NURSE, 1.0, (1.0,))
_CORE_POSTS = (HEAD, METHODIST, CLERK, MUSIC, PE, LOGOPED, _PSYCHOLOGIST, _NURSE)
_SUPPORT_POSTS = (
    Post("завхоз", None, 0.4, (1.0,)),
    Post("повар", None, 0.9, (1.0,)),
    Post("помощник воспитателя", None, 1.0, (1.0,)),
    Post("помощник воспитателя", None, 1.0, (1.0,)),
    Post("повар", None, 0.9, (1.0,)),
    Post("помощник воспитателя", None, 1.0, (1.0, 0.5)),
    Post("машинист по стирке и ремонту спецодежды", None, 1.0, (1.0, 0.5)),
    Post("сторож", None, 0.2, (1.0, 0.5)),
    Post("дворник", None, 0.5, (0.5, 1.0)),
    Post("кухонный рабочий", None, 0.9, (1.0,)),
)
_HELPER = Post("помощник воспитателя", None, 1.0, (1.0,))


@dataclass(frozen=True)
class Person:
    """An employee as the staff list gives them; ``login`` only for posts with a role."""

    number: str
    last: str
    first: str
    patronymic: str
    post: Post
    hired: date
    rate: float
    login: str | None

    @property
    def full(self) -> str:
        """«Иванова Мария Петровна»."""
        return f"{self.last} {self.first} {self.patronymic}"


def _hire_date(rng: random.Random, post: Post) -> date:
    first_year = 1998 if post in (HEAD, METHODIST) else 2004
    start = date(first_year, 1, 10)
    day = start + timedelta(days=rng.randint(0, (date(2025, 8, 20) - start).days))
    return workday(day)


def make_staff(rng: random.Random, groups: int, employees: int) -> list[Person]:
    """``employees`` people: the core posts, two teachers a group, then support staff.

    Табельные номера follow the hiring order; logins are transliterated and unique.
    """
    posts = [*_CORE_POSTS, *([TEACHER] * (2 * groups))]
    if employees < len(posts):
        raise ValueError(
            f"{employees} employees are too few for {groups} groups: need at least {len(posts)}"
        )
    for i in range(employees - len(posts)):
        posts.append(_SUPPORT_POSTS[i] if i < len(_SUPPORT_POSTS) else _HELPER)
    drafts: list[tuple[str, str, str, Post, date, float]] = []
    names: set[str] = set()
    for post in posts:
        while True:
            female = rng.random() < post.female_share
            surname = rng.choice(SURNAMES)[1 if female else 0]
            first = rng.choice(WOMEN) if female else rng.choice(GRANDFATHERS)[0]
            patronymic = rng.choice(GRANDFATHERS)[2 if female else 1]
            full = f"{surname} {first} {patronymic}"
            if full not in names:
                names.add(full)
                break
        drafts.append(
            (surname, first, patronymic, post, _hire_date(rng, post), rng.choice(post.rates))
        )
    drafts.sort(key=lambda d: d[4])  # табельные номера follow the hiring order
    logins: set[str] = set()
    staff: list[Person] = []
    for number, (surname, first, patronymic, post, hired, rate) in enumerate(drafts, start=1):
        login: str | None = None
        if post.role is not None:
            base = f"{translit(surname)[:24]}.{translit(first)[0]}{translit(patronymic)[0]}"
            login, suffix = base, 2
            while login in logins:
                login, suffix = f"{base}{suffix}", suffix + 1
            logins.add(login)
        staff.append(Person(f"{number:04d}", surname, first, patronymic, post, hired, rate, login))
    return staff


def staff_rows(staff: list[Person]) -> list[dict[str, object]]:
    """The rows of the staff form."""
    return [
        {
            "Табельный номер": p.number,
            "Фамилия": p.last,
            "Имя": p.first,
            "Отчество": p.patronymic,
            "Должность": p.post.title,
            "Дата приёма": p.hired,
            "Ставка": p.rate,
            "Логин": p.login,
            "Роль": p.post.role.label if p.login and p.post.role else None,
        }
        for p in staff
    ]


def join_people(people: list[Person], by_number: bool, separator: str) -> str:
    """People as a form cell refers to them: by табельный номер or by full name."""
    return separator.join(p.number if by_number else p.full for p in people)

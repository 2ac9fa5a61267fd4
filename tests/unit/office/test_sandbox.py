"""The templates' sandbox: the engine's data classes read fast, and nothing else opens up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from jinja2.exceptions import SecurityError

from sgo_model.office.templating import sandboxed_environment


def _helper() -> str:
    return "помощник"


@dataclass(frozen=True)
class _Pupil:
    full_name: str
    _secret: str = "тайна"
    hook: Callable[[], str] = field(default=_helper)

    @property
    def initials(self) -> str:
        return "".join(part[0] for part in self.full_name.split())


def _render(source: str) -> str:
    return sandboxed_environment().from_string(source).render(p=_Pupil("Иванова Мария"))


def test_fields_and_properties_of_data_classes_are_read() -> None:
    assert _render("{{ p.full_name }} ({{ p.initials }})") == "Иванова Мария (ИМ)"


@pytest.mark.parametrize(
    "source",
    [
        "{{ p.__class__.__mro__ }}",
        "{{ p.hook.__globals__ }}",
        "{{ p.__dict__ }}",
        "{{ p._secret }}",
    ],
)
def test_what_is_not_a_public_field_still_goes_through_the_sandbox(source: str) -> None:
    with pytest.raises(SecurityError):
        _render(source)

"""Who signs the institution's documents: its head (заведующий)."""

from __future__ import annotations

from sgo_model.domain.roles import Role
from sgo_model.store.uow import SqlUnitOfWork


def head_signature(uow: SqlUnitOfWork) -> str:
    """The head's name as signed: the ``head_name`` setting, else the employee whose account
    is the head's («О. П. Смирнова»); empty when neither is known."""
    configured = uow.settings.load().head_name
    if configured:
        return configured
    heads = [u for u in uow.staff.users() if u.role is Role.HEAD and u.employee_id]
    if heads:
        for employee in uow.staff.employees():
            if employee.id == heads[0].employee_id:
                return employee.name.signature
    return ""

"""The state of a site at a glance: counts of what the store holds."""

from __future__ import annotations

from datetime import date

from sgo_model.attendance.completeness import attendance_gaps
from sgo_model.diagnostics.quality import quality_headline
from sgo_model.store.uow import SqlUnitOfWork


def site_status(uow: SqlUnitOfWork, today: date | None = None) -> dict[str, object]:
    """Counts of pupils, groups, employees, users, submissions and documents."""
    today = today or date.today()
    with uow:
        institution = uow.institution.get()
        employees, users = uow.staff.count()
        submissions = uow.submissions.counts()
        return {
            "institution": institution.name if institution else None,
            "academic_year": institution.current_year.label
            if institution and institution.current_year
            else None,
            "pupils": uow.pupils.count(),
            "pupils_in_groups": uow.pupils.count(date.max),
            "groups": len(uow.groups.groups()),
            "employees": employees,
            "users": users,
            "nod_kinds": uow.groups.nod_kind_count(),
            "submissions": {
                "accepted": submissions.get("accepted", 0),
                "rejected": submissions.get("rejected", 0),
                "duplicate": submissions.get("duplicate", 0),
            },
            "documents": uow.documents.count(),
            "orders": uow.orders.count(),
            # As of the last intake pass (the watch's workbook is rewritten after each).
            "data_quality": quality_headline(uow),
            "attendance": [
                {
                    "group": gap.group,
                    "month": f"{gap.month:%Y-%m}",
                    "state": gap.state,
                    "due": gap.due.isoformat(),
                    "submitted_at": gap.submitted_at.isoformat() if gap.submitted_at else None,
                }
                for gap in attendance_gaps(uow, today)
            ],
        }

"""SQLAlchemy Core tables of the store. The schema is created only by Alembic migrations."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _origin() -> list[Column[object]]:
    """Every row changed by intake points back to the submission and the row that caused it."""
    return [
        Column("submission_id", Integer, ForeignKey("submissions.id"), nullable=True),
        Column("source_row", Integer, nullable=True),
    ]


institution = Table(
    "institution",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("short_name", Text, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Institution settings that documents read (letterhead, registers); editable, never coded.
settings = Table(
    "settings",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

academic_years = Table(
    "academic_years",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("label", String(9), nullable=False, unique=True),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date, nullable=False),
    Column("status", String(16), nullable=False, server_default="open"),
    Column("is_current", Boolean, nullable=False, server_default="0"),
)

calendar_days = Table(
    "calendar_days",
    metadata,
    Column("day", Date, primary_key=True),
    Column("kind", String(16), nullable=False),  # holiday | workday_transfer
    Column("name", Text, nullable=False),
)

calendar_overrides = Table(
    "calendar_overrides",
    metadata,
    Column("day", Date, primary_key=True),
    Column("working", Boolean, nullable=False),
    Column("reason", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

submissions = Table(
    "submissions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False, index=True),
    Column("login", String(64), nullable=False),
    Column("file_name", Text, nullable=False),
    Column("form_kind", String(32), nullable=True),
    Column("sheet", Text, nullable=True),
    Column("status", String(16), nullable=False),  # accepted | rejected | duplicate
    Column("rows", Integer, nullable=False, server_default="0"),
    Column("errors", Integer, nullable=False, server_default="0"),
    Column("summary", Text, nullable=True),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("processed_at", DateTime(timezone=True), nullable=False),
    # The claim a file was taken under (kept when another worker takes the claim over): a
    # restarted pass finds the verdict already given to the file and answers with it.
    Column("claim", String(64), nullable=True, unique=True),
    Column("receipt", Text, nullable=True),  # the receipt as JSON, to answer again
)

# Documents to regenerate, requested in the same transaction as the change that needs them
# and deleted once regenerated: a pass killed while publishing leaves them for the next one.
refresh_requests = Table(
    "refresh_requests",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("publisher", String(64), nullable=False, index=True),
    Column("submission_id", Integer, ForeignKey("submissions.id"), nullable=True),
    Column("requested_at", DateTime(timezone=True), nullable=False),
)

# The same bytes are applied once: this key is written in the same transaction as
# the changes, so a second writer of the same file fails on it and rolls back.
applied_files = Table(
    "applied_files",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("submission_id", Integer, ForeignKey("submissions.id"), nullable=False),
)

employees = Table(
    "employees",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("personnel_number", String(32), nullable=False, unique=True),
    Column("last_name", Text, nullable=False),
    Column("first_name", Text, nullable=False),
    Column("patronymic", Text, nullable=True),
    Column("post", Text, nullable=False),
    Column("hired_on", Date, nullable=True),
    Column("rate", Numeric(4, 2), nullable=True),
    *_origin(),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("login", String(64), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("employee_id", Integer, ForeignKey("employees.id"), nullable=True),
    Column("active", Boolean, nullable=False, server_default="1"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    *_origin(),
)

profiles = Table(
    "profiles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("orientation", String(16), nullable=False),
    Column("description", Text, nullable=True),
    *_origin(),
)

load_limits = Table(
    "load_limits",
    metadata,
    Column("category", String(16), primary_key=True),
    Column("activity_minutes", Integer, nullable=False),
    Column("daily_minutes", Integer, nullable=False),
    Column("weekly_activities", Integer, nullable=True),
    *_origin(),
)

# Edited caps of compensating and combined groups by condition; a condition without a row
# here has the default of domain.conditions.
condition_caps = Table(
    "condition_caps",
    metadata,
    Column("condition", String(16), primary_key=True),
    Column("compensating_under_3", Integer, nullable=True),
    Column("compensating_over_3", Integer, nullable=False),
    Column("combined_under_3", Integer, nullable=False),
    Column("combined_under_3_with", Integer, nullable=False),
    Column("combined_over_3", Integer, nullable=False),
    Column("combined_over_3_with", Integer, nullable=False),
    *_origin(),
)

groups = Table(
    "groups",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("category", String(16), nullable=False),
    Column("orientation", String(16), nullable=False),
    Column("area_m2", Numeric(7, 2), nullable=False),
    Column("profile_id", Integer, ForeignKey("profiles.id"), nullable=True),
    # The condition a compensating group is for (domain.conditions.Condition).
    Column("condition", String(16), nullable=True),
    # Режим пребывания (domain.stay.StayMode).
    Column("stay_mode", String(16), nullable=False, server_default="full"),
    *_origin(),
)

group_teachers = Table(
    "group_teachers",
    metadata,
    Column("group_id", Integer, ForeignKey("groups.id"), primary_key=True),
    Column("employee_id", Integer, ForeignKey("employees.id"), primary_key=True),
    *_origin(),
)

pupils = Table(
    "pupils",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("last_name", Text, nullable=False),
    Column("first_name", Text, nullable=False),
    Column("patronymic", Text, nullable=True),
    Column("name_key", Text, nullable=False),
    Column("sex", String(8), nullable=False),
    Column("birth_date", Date, nullable=False),
    Column("address", Text, nullable=True),
    # The personal account (лицевой счёт) in the accounting system: the timesheet's «Номер счета».
    Column("account", String(32), nullable=True),
    # The child's condition (ОВЗ) by the ПМПК's conclusion: it caps combined groups.
    Column("condition", String(16), nullable=True),
    UniqueConstraint("name_key", "birth_date", name="uq_pupils_name_key_birth_date"),
    *_origin(),
)

guardians = Table(
    "guardians",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("pupil_id", Integer, ForeignKey("pupils.id"), nullable=False, index=True),
    Column("full_name", Text, nullable=False),
    Column("phone", Text, nullable=True),
    Column("email", Text, nullable=True),
    # 152-ФЗ: notices go by e-mail only with the guardian's consent.
    Column("notice_consent", Boolean, nullable=False, server_default="0"),
    *_origin(),
)

# Every change of a pupil's guardians (names, phones, e-mails, consent), as it was and became.
contact_changes = Table(
    "contact_changes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("pupil_id", Integer, ForeignKey("pupils.id"), nullable=False, index=True),
    Column("changed_at", DateTime(timezone=True), nullable=False),
    Column("before", Text, nullable=False),
    Column("after", Text, nullable=False),
    *_origin(),
)

orders = Table(
    "orders",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("register", String(16), nullable=False),
    Column("year", Integer, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("number", String(32), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("order_date", Date, nullable=False),
    Column("effective_on", Date, nullable=False),
    Column("title", Text, nullable=False),
    Column("status", String(16), nullable=False, server_default="draft"),  # draft | signed
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=True),
    Column("scan_path", Text, nullable=True),
    Column("scan_sha256", String(64), nullable=True),
    Column("signed_at", DateTime(timezone=True), nullable=True),
    Column("signed_by", String(64), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("submission_id", Integer, ForeignKey("submissions.id"), nullable=True),
    UniqueConstraint("register", "year", "seq", name="uq_orders_register_year_seq"),
)

# Gapless numbering: the counter row is bumped in the transaction that creates the order,
# so a rolled-back order gives its number back and two issuers serialise on the row.
counters = Table(
    "counters",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("value", Integer, nullable=False),
)

movement_events = Table(
    "movement_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("pupil_id", Integer, ForeignKey("pupils.id"), nullable=False, index=True),
    Column("kind", String(16), nullable=False),  # enrol | transfer | withdraw | promote
    Column("effective_on", Date, nullable=False),
    Column("group_id", Integer, ForeignKey("groups.id"), nullable=True, index=True),
    Column("from_group_id", Integer, ForeignKey("groups.id"), nullable=True),
    Column("reason", Text, nullable=True),
    Column("note", Text, nullable=True),
    Column("grounds", Text, nullable=True),
    Column("destination", Text, nullable=True),
    Column("exception_reason", Text, nullable=True),
    Column("back_dated", Boolean, nullable=False, server_default="0"),
    Column("book_number", Integer, nullable=True),
    Column("order_id", Integer, ForeignKey("orders.id"), nullable=True, index=True),
    *_origin(),
)

nod_kinds = Table(
    "nod_kinds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("group_id", Integer, ForeignKey("groups.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("area", String(32), nullable=False),
    Column("weekly_count", Integer, nullable=False),
    Column("employee_id", Integer, ForeignKey("employees.id"), nullable=True),
    Column("room", Text, nullable=True),
    UniqueConstraint("group_id", "name", name="uq_nod_kinds_group_id_name"),
    *_origin(),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("key", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("path", Text, nullable=False),
    Column("template", Text, nullable=False),
    Column("template_sha256", String(64), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("context_sha256", String(64), nullable=False),
    Column("version", Integer, nullable=False, server_default="1"),
    Column("status", String(16), nullable=False, server_default="final"),
    Column("generated_at", DateTime(timezone=True), nullable=False),
    # Set while a new version replaces the file: the file then holds either hash.
    Column("pending_sha256", String(64), nullable=True),
    UniqueConstraint("kind", "key", name="uq_documents_kind_key"),
)

# A group-month of attendance is replaced by submitting it again: each submission is a new
# version, the previous ones stay as history.
attendance_versions = Table(
    "attendance_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("group_id", Integer, ForeignKey("groups.id"), nullable=False),
    Column("month", Date, nullable=False),
    Column("version", Integer, nullable=False),
    Column("is_current", Boolean, nullable=False),
    Column("login", String(64), nullable=False),
    Column("changes", Text, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("submission_id", Integer, ForeignKey("submissions.id"), nullable=True),
    # The last day the version covers: later days of the month are not yet attended nor missed.
    Column("covered_through", Date, nullable=False),
    # The group-month's timesheet number («Табель №»), kept by every version of it.
    Column("timesheet_number", Integer, nullable=False),
    UniqueConstraint("group_id", "month", "version", name="uq_attendance_versions_group_month"),
)

attendance_marks = Table(
    "attendance_marks",
    metadata,
    Column("version_id", Integer, ForeignKey("attendance_versions.id"), primary_key=True),
    Column("pupil_id", Integer, ForeignKey("pupils.id"), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("mark", String(1), nullable=False),
    Column("source_row", Integer, nullable=True),
)

# The form «Условия расписания»: each submission replaces the whole list.
schedule_conditions = Table(
    "schedule_conditions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("who_kind", String(16), nullable=False),  # group | teacher | room
    Column("who", Text, nullable=False),  # the group's or room's name, the personnel number
    Column("day", Integer, nullable=True),  # 0–4; NULL: every day
    Column("starts", Integer, nullable=False),  # minutes since midnight
    Column("ends", Integer, nullable=True),  # NULL for a pin: the activity's own length
    Column("regime", String(16), nullable=False),  # available | unavailable | nap | walk | pin
    Column("kind", Text, nullable=True),  # the pinned kind of NOD
    *_origin(),
)

# Every schedule built or corrected is a new version; only one approved by a signed order
# is official.
schedule_versions = Table(
    "schedule_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("year_id", Integer, ForeignKey("academic_years.id"), nullable=True),
    Column("number", Integer, nullable=False),  # within its school year
    Column("source", String(16), nullable=False),  # solver | correction
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(64), nullable=True),
    Column("submission_id", Integer, ForeignKey("submissions.id"), nullable=True),
    Column("note", Text, nullable=True),
    Column("inputs_sha256", String(64), nullable=False),
    Column("order_id", Integer, ForeignKey("orders.id"), nullable=True),
    UniqueConstraint("year_id", "number", name="uq_schedule_versions_year_id_number"),
)

schedule_slots = Table(
    "schedule_slots",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version_id", Integer, ForeignKey("schedule_versions.id"), nullable=False, index=True),
    Column("group_id", Integer, ForeignKey("groups.id"), nullable=False),
    Column("kind", Text, nullable=False),
    Column("day", Integer, nullable=False),
    Column("starts", Integer, nullable=False),
    Column("ends", Integer, nullable=False),
    Column("employee_id", Integer, ForeignKey("employees.id"), nullable=True),
    Column("room", Text, nullable=True),
    Column("source_row", Integer, nullable=True),
)

# The curriculum (учебный план) as approved by an order: its fingerprint, so that a changed
# plan asks for a new order.
curriculum_approvals = Table(
    "curriculum_approvals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("inputs_sha256", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("order_id", Integer, ForeignKey("orders.id"), nullable=False),
)

# The list «Показатели диагностики»: each area's indicators per age category (replaced whole).
diagnostic_indicators = Table(
    "diagnostic_indicators",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("category", String(16), nullable=False),
    Column("area", String(32), nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    *_origin(),
)

# A group's diagnostics at a period: each submission is a new version of the indicators it
# scores; an indicator's current scores are the newest version's that scores it (a specialist
# may score one indicator of an area, the teachers the rest); the older ones are history.
diagnostic_versions = Table(
    "diagnostic_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("group_id", Integer, ForeignKey("groups.id"), nullable=False),
    Column("year", String(9), nullable=False),
    Column("period", String(8), nullable=False),  # start | end
    Column("version", Integer, nullable=False),
    Column("covered", Text, nullable=False),  # JSON: [[area code, indicator], …] scored
    Column("login", String(64), nullable=False),
    Column("assessed_on", Date, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("submission_id", Integer, ForeignKey("submissions.id"), nullable=True),
    UniqueConstraint(
        "group_id", "year", "period", "version", name="uq_diagnostic_versions_group_period"
    ),
)

diagnostic_scores = Table(
    "diagnostic_scores",
    metadata,
    Column("version_id", Integer, ForeignKey("diagnostic_versions.id"), primary_key=True),
    Column("pupil_id", Integer, ForeignKey("pupils.id"), primary_key=True),
    Column("area", String(32), primary_key=True),
    Column("position", Integer, primary_key=True),  # the indicator's place in its area
    Column("indicator", Text, nullable=False),
    Column("score", Integer, nullable=False),
    Column("source_row", Integer, nullable=True),
)

# Children on a sheet who were not assessed, and why (joined late, left, long absence …).
diagnostic_skips = Table(
    "diagnostic_skips",
    metadata,
    Column("version_id", Integer, ForeignKey("diagnostic_versions.id"), primary_key=True),
    Column("pupil_id", Integer, ForeignKey("pupils.id"), primary_key=True),
    Column("reason", Text, nullable=False),
    Column("source_row", Integer, nullable=True),
)


# A notice to a child's family (an extract from an order, a monthly attendance statement…):
# one document, revised when what it states changes after it went out.
notices = Table(
    "notices",
    metadata,
    Column("id", Integer, primary_key=True),
    # None for a child not (yet) in the store: a reminder about a transfer received.
    Column("pupil_id", Integer, ForeignKey("pupils.id"), nullable=True, index=True),
    Column("child", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("key", String(64), nullable=False),
    Column("revision", Integer, nullable=False, server_default="1"),
    Column("title", Text, nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=True),
    # What the notice states (its document's data, not its layout nor its drawing's day).
    Column("content_sha256", String(64), nullable=True),
    Column("issued_on", Date, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("kind", "key", "revision", name="uq_notices_kind_key_revision"),
)

# A notice's delivery to one guardian's address. «sending» is written and committed before
# the message goes out, so a crash between sending and recording never sends it again.
deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("notice_id", Integer, ForeignKey("notices.id"), nullable=False, index=True),
    Column("guardian", Text, nullable=False),
    Column("email", Text, nullable=False),
    Column("status", String(16), nullable=False, server_default="pending"),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_attempt_at", DateTime(timezone=True), nullable=True),
    Column("answer", Text, nullable=True),
    Column("message_id", Text, nullable=True),
    # When a sender took it («sending»): one still sending long after was cut off.
    Column("sending_since", DateTime(timezone=True), nullable=True),
    Column("sent_at", DateTime(timezone=True), nullable=True),
    UniqueConstraint("notice_id", "email", name="uq_deliveries_notice_id_email"),
)

# A child's transfer from another kindergarten, received as a verified bag: a draft until the
# clerk enrols the child (then it points to the enrolment).
transfer_arrivals = Table(
    "transfer_arrivals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("sender", Text, nullable=False),
    Column("sender_inn", String(12), nullable=True),
    Column("last_name", Text, nullable=False),
    Column("first_name", Text, nullable=False),
    Column("patronymic", Text, nullable=True),
    Column("birth_date", Date, nullable=False),
    Column("name_key", Text, nullable=False, index=True),
    Column("payload", Text, nullable=False),
    Column("status", String(16), nullable=False, server_default="draft"),
    Column("event_id", Integer, ForeignKey("movement_events.id"), nullable=True),
    Column("accepted_at", DateTime(timezone=True), nullable=True),
    *_origin(),
)

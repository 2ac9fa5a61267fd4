"""The authority's side: the packages of many institutions (a folder per institution in
its inbox) checked one by one, duplicates and unexplained repeats refused, and the accepted
ones consolidated into a municipal summary."""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sgo_model.authority.bag import (
    EDITION,
    FIGURES_SHA256,
    INSTITUTION_CODE,
    KIND,
    PERIOD,
    PREPARED_AT,
    REASON,
    REPLACES,
    SOURCE_ORGANIZATION,
)
from sgo_model.authority.documents.summary_xlsx import (
    InstitutionFigures,
    PackageLine,
    SummaryContent,
    write_summary_xlsx,
)
from sgo_model.authority.kinds import ReportKind
from sgo_model.authority.service import institution_folder
from sgo_model.authority.verify import Verification, verify_bag
from sgo_model.domain.errors import DomainError
from sgo_model.domain.periods import period_words
from sgo_model.domain.roles import Role
from sgo_model.domain.statistical_form import Figures, FormTemplate, Number, Value
from sgo_model.office.names import inside
from sgo_model.office.site import Site
from sgo_model.store.uow import SqlUnitOfWork

ACCEPTED, REFUSED, DUPLICATE, REPLACED = "accepted", "refused", "duplicate", "replaced"
STATUS_LABELS = {
    ACCEPTED: "принят",
    REFUSED: "отклонён",
    DUPLICATE: "повторная копия",
    REPLACED: "заменён более поздним",
}


@dataclass
class ReceivedBag:
    """A package found in an institution's folder and what became of it."""

    folder: str
    name: str
    verification: Verification
    status: str = ACCEPTED
    reason: str = ""

    @property
    def institution(self) -> str:
        """The institution's name as its package gives it."""
        return self.verification.info.get(SOURCE_ORGANIZATION, self.folder)

    @property
    def code(self) -> str:
        """The institution's code as its package gives it."""
        return self.verification.info.get(INSTITUTION_CODE, "")


@dataclass
class MunicipalSummary:
    """The consolidation of one report and period."""

    kind: ReportKind
    period: str
    template: FormTemplate | None
    received: list[ReceivedBag] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    """Institution folders without an accepted package."""
    totals: Figures = field(default_factory=dict)

    @property
    def accepted(self) -> list[ReceivedBag]:
        """The packages the summary adds up, by folder."""
        return [r for r in self.received if r.status == ACCEPTED]


def role_inbox(uow: SqlUnitOfWork, site: Site) -> Path:
    """The inbox of the site's education authority: ``inbox/<login>/`` of its active user
    with the role «орган управления образованием» (institutions' folders lie inside it,
    where intake, which takes only the files lying directly in a login's folder, leaves them)."""
    logins = sorted(u.login for u in uow.staff.users() if u.active and u.role is Role.AUTHORITY)
    if not logins:
        raise DomainError(
            "На этой площадке нет пользователя с ролью «орган управления образованием»: "
            "заведите его (sgo users add LOGIN --role authority) или укажите папку с пакетами"
        )
    return site.user_inbox(logins[0])


def institution_folders(inbox: Path) -> list[Path]:
    """The institutions' folders of the authority's inbox."""
    if not inbox.is_dir():
        raise DomainError(f"Нет папки «{inbox}» с пакетами учреждений")
    return sorted(p for p in inbox.iterdir() if p.is_dir() and not p.name.startswith("."))


def _bags(folder: Path, stack: ExitStack) -> Iterator[tuple[str, Path | None, str]]:
    """(name, bag folder, problem) of every package in an institution's folder; a zip is
    unpacked into a temporary folder first."""
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield entry.name, entry, ""
        elif entry.suffix.lower() == ".zip":
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="sgo-bag-")))
            try:
                with zipfile.ZipFile(entry) as archive:
                    for member in archive.namelist():
                        target = (work / member).resolve()
                        if not target.is_relative_to(work.resolve()):
                            raise zipfile.BadZipFile(f"путь {member} ведёт за пределы архива")
                    archive.extractall(work)
            except (zipfile.BadZipFile, OSError) as error:
                yield entry.name, None, f"архив не открывается: {error}"
                continue
            inner = [p for p in work.iterdir() if p.is_dir()]
            root = inner[0] if len(inner) == 1 and not (work / "bagit.txt").exists() else work
            yield entry.name, root, ""


def aggregate_packages(inbox: Path, period: str, kind: ReportKind) -> MunicipalSummary:
    """Check every package of ``kind`` and ``period`` in the inbox and add up the accepted."""
    summary = MunicipalSummary(kind, period, None)
    by_code: dict[str, list[ReceivedBag]] = {}
    folders = institution_folders(inbox)
    with ExitStack() as stack:
        for folder in folders:
            for name, path, problem in _bags(folder, stack):
                if path is None:
                    bad = Verification(folder / name, problems=[problem])
                    summary.received.append(ReceivedBag(folder.name, name, bad, REFUSED, problem))
                    continue
                checked = verify_bag(path)
                info = checked.info
                if info and (info.get(KIND), info.get(PERIOD)) != (kind.value, period):
                    continue  # another report or period: not this summary's business
                received = ReceivedBag(folder.name, name, checked)
                summary.received.append(received)
                if not checked.valid:
                    received.status, received.reason = REFUSED, "; ".join(checked.problems)
                elif institution_folder(received.code) != folder.name:
                    received.status = REFUSED
                    received.reason = (
                        f"пакет учреждения с кодом {received.code} лежит в папке «{folder.name}»"
                    )
                else:
                    by_code.setdefault(received.code, []).append(received)
    for bags in by_code.values():
        _settle(bags)
    accepted = summary.accepted
    if accepted:
        first = accepted[0]
        summary.template = first.verification.template
        edition = first.verification.info.get(EDITION)
        for received in accepted[1:]:
            if received.verification.info.get(EDITION) != edition:
                received.status = REFUSED
                received.reason = (
                    f"редакция формы «{received.verification.info.get(EDITION)}» отличается от "
                    f"редакции свода «{edition}»"
                )
    summary.totals = _totals(summary)
    done = {r.folder for r in summary.accepted}
    summary.missing = [f.name for f in folders if f.name not in done]
    return summary


def _settle(bags: list[ReceivedBag]) -> None:
    """Of one institution's packages, in the order they were prepared: the first is
    accepted; a copy of it is a duplicate; a different one replaces it only when it names it
    and gives a reason."""
    bags.sort(key=lambda r: (r.verification.info.get(PREPARED_AT, ""), r.name))
    current = bags[0]
    for later in bags[1:]:
        info = later.verification.info
        if info.get(FIGURES_SHA256) == current.verification.info.get(FIGURES_SHA256):
            later.status, later.reason = DUPLICATE, f"те же показатели, что в «{current.name}»"
            continue
        if info.get(REASON) and info.get(REPLACES) == current.verification.info.get(FIGURES_SHA256):
            current.status = REPLACED
            current.reason = f"заменён пакетом «{later.name}»: {info[REASON]}"
            current = later
            continue
        later.status = REFUSED
        later.reason = (
            f"повторный пакет за тот же период без причины замены (принят «{current.name}»)"
        )


def _totals(summary: MunicipalSummary) -> Figures:
    """The sum of every counted figure over the accepted packages (ratios, shares and «да»
    are not added up)."""
    totals: Figures = {}
    if summary.template is None:
        return totals
    for section in summary.template.sections:
        table: dict[str, dict[str, Value]] = {}
        for line in section.lines:
            if line.kind != "sum":
                continue
            table[line.number] = {
                column.number: sum(
                    _count(r.verification.figures, section.code, line.number, column.number)
                    for r in summary.accepted
                )
                for column in section.numeric_columns
            }
        totals[section.code] = table
    return totals


def _count(figures: Figures, section: str, line: str, column: str) -> Number:
    value = figures.get(section, {}).get(line, {}).get(column, 0)
    return 0 if isinstance(value, str) else value


def write_summary(summary: MunicipalSummary, out_dir: Path, made_on: date) -> Path:
    """Write the summary workbook into ``out_dir``; refused when nothing was accepted."""
    if summary.template is None:
        raise DomainError(
            f"Свод за {period_words(summary.period)} не составлен: нет ни одного принятого пакета "
            f"({summary.kind.label})"
        )
    institutions = [
        InstitutionFigures(
            r.institution, r.code, r.verification.figures, r.verification.preliminary
        )
        for r in summary.accepted
    ]
    packages = [
        PackageLine(
            r.folder,
            r.institution,
            r.name,
            STATUS_LABELS[r.status],
            _when(r.verification.info.get(PREPARED_AT, "")),
            r.verification.preliminary,
            r.reason,
        )
        for r in summary.received
    ]
    out = inside(out_dir, f"Свод {summary.kind.short} {summary.period}.xlsx")
    content = SummaryContent(
        summary.template,
        summary.period,
        made_on,
        institutions,
        summary.totals,
        packages,
        summary.missing,
    )
    return write_summary_xlsx(content, out)


def _when(stamp: str) -> str:
    """«03.12.2026 09:51» of an ISO timestamp (as it came when it is not one)."""
    try:
        return f"{datetime.fromisoformat(stamp):%d.%m.%Y %H:%M}"
    except ValueError:
        return stamp

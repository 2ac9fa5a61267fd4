"""The institution's side: prepare a report's package in the outbox, send it to the
authority's folder, list what was prepared and sent."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sgo_model.authority.bag import (
    FIGURES_FILE,
    Replacement,
    bag_info,
    figures_bytes,
)
from sgo_model.authority.documents.form_xlsx import FormContent, write_form_xlsx
from sgo_model.authority.documents.self_assessment_docx import (
    SelfAssessmentContent,
    write_self_assessment_docx,
)
from sgo_model.authority.documents.trace_xlsx import write_trace_xlsx
from sgo_model.authority.kinds import ReportKind, template_path
from sgo_model.authority.report import StatReport, parse_period, prepare_report
from sgo_model.domain.errors import DomainError
from sgo_model.domain.posts import StaffCategory
from sgo_model.domain.records import FINAL, PRELIMINARY, SENT
from sgo_model.office.bags import make_bag
from sgo_model.office.files import file_sha256
from sgo_model.office.names import inside, safe_name
from sgo_model.office.pdf import convert_to_pdf, office_program
from sgo_model.office.site import Site
from sgo_model.store.documents import RenderedDocument
from sgo_model.store.packages import REPLACED, PackageRecord
from sgo_model.store.packages import SENT as PACKAGE_SENT
from sgo_model.store.uow import SqlUnitOfWork

OUTBOX_FOLDER = "Отчёты"
TRACE_FOLDER = "Отчёты"
STATUS_LABELS = {"prepared": "подготовлен", "sent": "отправлен", "replaced": "заменён"}


@dataclass(frozen=True)
class PreparedPackage:
    """A package in the outbox and the report it carries."""

    report: StatReport
    package: PackageRecord
    bag: Path
    trace: Path
    new: bool = True
    """False when a package with the very same figures was already prepared (nothing new is
    written)."""


def _stem(report: StatReport) -> str:
    return f"{report.kind.short} {report.period.replace('/', '-')}"


def _codes(report: StatReport) -> dict[str, str]:
    institution = report.institution
    return {
        "Код формы по ОКУД": report.template.header.get("okud", ""),
        "Код организации по ОКПО": institution.okpo,
        "ИНН": institution.inn,
        "Код территории по ОКТМО": institution.oktmo,
    }


def write_payload(report: StatReport, folder: Path, signatory: str, *, pdf: bool | None) -> None:
    """The report's files into ``folder``: the workbook (and, for the self-assessment, the
    Word document), a PDF where LibreOffice is present (``pdf=None``) or required, and the
    figures' JSON."""
    stem = _stem(report)
    workbook = write_form_xlsx(
        FormContent(
            report.template,
            report.period,
            report.institution.name,
            report.institution.address,
            _codes(report),
            report.figures,
            report.failures,
            report.gaps,
            report.made_on,
        ),
        folder / f"{stem}.xlsx",
    )
    printed = workbook
    if report.kind is ReportKind.SELF_ASSESSMENT:
        printed = write_self_assessment_docx(
            SelfAssessmentContent(
                report.template,
                report.institution.name,
                report.period,
                report.figures,
                tuple(report.gaps),
                signatory,
                report.made_on,
            ),
            folder / f"{stem}.docx",
        )
    program = office_program() if pdf is not False else None
    if pdf and program is None:
        raise DomainError("PDF не сделан: LibreOffice не установлен")
    if program is not None:
        convert_to_pdf(printed, folder, program)
    (folder / FIGURES_FILE).write_bytes(figures_bytes(report))


def _signatory(uow: SqlUnitOfWork) -> str:
    settings = uow.settings.load()
    head = settings.head_name
    if not head:
        found = next(
            (
                e
                for e in uow.staff.employees()
                if StaffCategory.of_post(e.post) is StaffCategory.HEAD
            ),
            None,
        )
        head = found.name.signature if found else ""
    return f"{settings.head_post} ____________________ {head}".rstrip()


def package_report(
    uow_factory: Callable[..., SqlUnitOfWork],
    site: Site,
    templates: Path,
    kind: ReportKind,
    period: str,
    *,
    preliminary: bool = False,
    reason: str | None = None,
    pdf: bool | None = None,
    now: datetime | None = None,
) -> PreparedPackage:
    """Count the report, check it and write its bag into the outbox (and its trace into the
    institution's documents).

    Refused: a report whose control relations fail; an incomplete one unless
    ``preliminary``; a new package for a report already sent unless ``reason`` says why it
    replaces the sent one. The very same figures prepared again give the package there is.
    """
    now = now or datetime.now().astimezone()
    reporting = parse_period(period, kind)
    with uow_factory(read_only=True) as uow:
        report = prepare_report(uow, templates, kind, reporting, now.date())
        signatory = _signatory(uow)
        current = uow.packages.current(kind.value, report.period)
    if not (report.institution.inn or report.institution.okpo):
        raise DomainError(
            "Пакет не подготовлен: у организации не указаны ни ИНН, ни ОКПО, по которым орган "
            "управления образованием её узнаёт (sgo settings set inn 1234567890)"
        )
    if report.failures:
        listed = "; ".join(f.explanation for f in report.failures)
        raise DomainError(f"{report.title} не подготовлен: не выполнены соотношения — {listed}")
    if report.preliminary and not preliminary:
        raise DomainError(
            f"{report.title}: данные неполные — {'; '.join(report.gaps)}. Предварительный "
            "пакет готовится только по явному указанию (--preliminary)"
        )
    digest = hashlib.sha256(figures_bytes(report)).hexdigest()
    trace = inside(
        site.documents, reporting.folder, TRACE_FOLDER, f"{_stem(report)} — расшифровка.xlsx"
    )
    if current is not None and current.figures_sha256 == digest and Path(current.path).is_dir():
        return PreparedPackage(report, current, Path(current.path), trace, new=False)
    replaces = None
    if current is not None and current.status == PACKAGE_SENT:
        if not (reason and reason.strip()):
            raise DomainError(
                f"{report.title} уже отправлен ({current.sent_at:%d.%m.%Y}, пакет "
                f"№ {current.id}); новый пакет заменит его только с причиной замены (--reason)"
            )
        replaces = Replacement(current.figures_sha256, reason.strip())
    stamp = f"{_stem(report)} от {now:%Y-%m-%d %H-%M-%S}"
    out = inside(site.outbox, OUTBOX_FOLDER, safe_name(stamp))
    copy = 1
    while out.exists():
        copy += 1
        out = inside(site.outbox, OUTBOX_FOLDER, safe_name(f"{stamp} ({copy})"))
    site.outbox.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".sgo-bag-", dir=site.outbox) as work:
        payload = Path(work) / "bag"
        payload.mkdir()
        write_payload(report, payload, signatory, pdf=pdf)
        make_bag(payload, out, bag_info(report, digest, now, replaces))
    write_trace_xlsx(report.template, report.period, report.figures, report.trace, trace)
    with uow_factory() as uow:
        package_id = uow.packages.add(
            kind.value,
            report.period,
            report.template.edition,
            str(out),
            digest,
            report.preliminary,
            now,
            current,
            reason.strip() if reason else None,
        )
        _register(uow, report, out, package_id, templates, digest)
        uow.commit()
        record = uow.packages.get(package_id)
    assert record is not None
    return PreparedPackage(report, record, out, trace)


def registry_kind(kind: ReportKind) -> str:
    """The kind of a report's workbook in the registry of documents: «report_85k»."""
    return f"report_{kind.value}"


def _register(
    uow: SqlUnitOfWork,
    report: StatReport,
    bag: Path,
    package_id: int,
    templates: Path,
    digest: str,
) -> None:
    """The report's workbook in the registry of documents, to follow it until it is sent."""
    workbook = bag / "data" / f"{_stem(report)}.xlsx"
    template = template_path(templates, report.kind)
    uow.documents.register(
        RenderedDocument(
            registry_kind(report.kind),
            f"{report.period}/{package_id}",
            f"{report.title}, пакет № {package_id}"
            + (" (предварительный)" if report.preliminary else ""),
            str(workbook),
            str(template.relative_to(templates)),
            file_sha256(template),
            file_sha256(workbook),
            digest,
            PRELIMINARY if report.preliminary else FINAL,
        )
    )


def institution_folder(code: str) -> str:
    """The institution's folder in the authority's inbox: its ИНН (else ОКПО, else name)."""
    return safe_name(code)


def send_package(
    uow_factory: Callable[..., SqlUnitOfWork],
    package_id: int,
    to: Path | None = None,
    now: datetime | None = None,
) -> Path:
    """Copy a package into the authority's folder (``to``, else the ``authority_inbox``
    setting), under the institution's own folder; the copy appears whole or not at all."""
    from sgo_model.authority.bag import INSTITUTION_CODE
    from sgo_model.authority.verify import verify_bag
    from sgo_model.office.bags import read_bag_info

    now = now or datetime.now().astimezone()
    with uow_factory(read_only=True) as uow:
        package = uow.packages.get(package_id)
        configured = uow.settings.load().authority_inbox
    if package is None:
        raise DomainError(f"В исходящих нет пакета № {package_id}")
    if package.status == REPLACED:
        raise DomainError(f"Пакет № {package_id} заменён более новым: отправьте новый")
    target = to or (Path(configured) if configured else None)
    if target is None:
        raise DomainError(
            "Не задана папка органа управления образованием: укажите --to ПАПКА или "
            "sgo settings set authority_inbox ПАПКА"
        )
    bag = Path(package.path)
    checked = verify_bag(bag)
    if not checked.valid:
        raise DomainError(checked.refusal())
    code = read_bag_info(bag / "bag-info.txt")[INSTITUTION_CODE]
    destination = inside(target, institution_folder(code), bag.name)
    if not destination.exists():
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial = destination.with_name(f".{destination.name}.partial")
        shutil.rmtree(partial, ignore_errors=True)
        shutil.copytree(bag, partial)
        partial.rename(destination)
    with uow_factory() as uow:
        uow.packages.mark_sent(package_id, now, str(destination))
        document = uow.documents.get(
            registry_kind(ReportKind(package.kind)), f"{package.period}/{package_id}"
        )
        if document is not None:
            uow.documents.set_status(document.id, SENT, f"отправлен: {destination}")
        uow.commit()
    return destination

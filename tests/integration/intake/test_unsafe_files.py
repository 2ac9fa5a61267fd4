"""Files that are not plain workbooks are refused quickly, without exhausting memory."""

from __future__ import annotations

import os
import resource
import time
import zipfile
from pathlib import Path

import pytest
from support import STAFF, SiteHarness, settle

from sgo_model.bootstrap import spec_of
from sgo_model.domain.roles import FormKind
from sgo_model.forms.blanks import write_blank
from sgo_model.intake.receipts import Verdict
from sgo_model.office.safety import Limits, UnacceptableFile, check_xlsx

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + ']>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
    'uniqueCount="1"><si><t>&lol9;</t></si></sst>'
)


def _staff_blank(path: Path) -> Path:
    return write_blank(spec_of(FormKind.STAFF), path, rows=STAFF[:1])


def _rewrite_member(source: Path, target: Path, member: str, data: bytes) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, data if info.filename == member else old.read(info))
        if member not in old.namelist():
            new.writestr(member, data)
    return target


def _zip_bomb(path: Path, unpacked_mb: int) -> Path:
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(unpacked_mb):
                member.write(chunk)
    return path


@pytest.fixture
def blank(tmp_path: Path) -> Path:
    return _staff_blank(tmp_path / "blank.xlsx")


def test_refuses_a_corrupt_workbook(tmp_path: Path, blank: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(blank.read_bytes()[:2000])
    with pytest.raises(UnacceptableFile, match="повреждён"):
        check_xlsx(broken)


def test_refuses_a_file_that_is_not_what_its_extension_says(tmp_path: Path) -> None:
    text = tmp_path / "notes.xlsx"
    text.write_text("Фамилия;Имя\nИванов;Иван\n", encoding="utf-8")
    with pytest.raises(UnacceptableFile, match="не соответствует расширению"):
        check_xlsx(text)
    word = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(word, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    with pytest.raises(UnacceptableFile, match="документ Word"):
        check_xlsx(word)


def test_refuses_a_password_protected_workbook(tmp_path: Path) -> None:
    # An encrypted OOXML file is an OLE compound file holding an "EncryptedPackage" stream.
    protected = tmp_path / "secret.xlsx"
    header = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504
    protected.write_bytes(header + "EncryptedPackage".encode("utf-16-le") + b"\0" * 1024)
    with pytest.raises(UnacceptableFile, match="защищена паролем"):
        check_xlsx(protected)


def test_refuses_a_macro_enabled_workbook(tmp_path: Path, blank: Path) -> None:
    macro = _rewrite_member(blank, tmp_path / "macro.xlsx", "xl/vbaProject.bin", b"\x01" * 64)
    with pytest.raises(UnacceptableFile, match="макросы"):
        check_xlsx(macro)


def test_refuses_a_zip_bomb_quickly_and_without_unpacking_it(tmp_path: Path) -> None:
    bomb = _zip_bomb(tmp_path / "bomb.xlsx", unpacked_mb=300)
    assert bomb.stat().st_size < 1024 * 1024
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with pytest.raises(UnacceptableFile, match="zip-бомбу"):
        check_xlsx(bomb)
    assert time.perf_counter() - started < 1.0
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 50


def test_refuses_a_highly_compressed_part_even_under_the_total_limit(tmp_path: Path) -> None:
    bomb = _zip_bomb(tmp_path / "small-bomb.xlsx", unpacked_mb=20)
    with pytest.raises(UnacceptableFile, match="сжата в"):
        check_xlsx(bomb, Limits())


def test_refuses_an_xml_entity_bomb_quickly(tmp_path: Path, blank: Path) -> None:
    bomb = _rewrite_member(
        blank, tmp_path / "lol.xlsx", "xl/sharedStrings.xml", BILLION_LAUGHS.encode()
    )
    started = time.perf_counter()
    with pytest.raises(UnacceptableFile, match="DOCTYPE"):
        check_xlsx(bomb)
    assert time.perf_counter() - started < 1.0


def test_refuses_an_oversized_file(tmp_path: Path, blank: Path) -> None:
    with pytest.raises(UnacceptableFile, match="слишком большой"):
        check_xlsx(blank, Limits(max_bytes=1000))


def test_bad_files_get_receipts_and_do_not_disturb_the_batch(
    sqlite_harness: SiteHarness, tmp_path: Path, blank: Path
) -> None:
    harness = sqlite_harness
    inbox = harness.site.user_inbox("admin")
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / "broken.xlsx").write_bytes(blank.read_bytes()[:3000])
    _zip_bomb(inbox / "bomb.xlsx", unpacked_mb=300)
    _rewrite_member(blank, inbox / "lol.xlsx", "xl/sharedStrings.xml", BILLION_LAUGHS.encode())
    (inbox / "macro.xlsm").write_bytes(blank.read_bytes())
    (inbox / "notes.txt").write_text("список", encoding="utf-8")
    (inbox / "old.xls").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600)
    harness.drop("admin", FormKind.STAFF, STAFF, "Сотрудники.xlsx")
    for ignored in ("~$Сотрудники.xlsx", ".~lock.Сотрудники.xlsx#", "copy.tmp", "big.part"):
        (inbox / ignored).write_bytes(b"partial")
    for path in inbox.iterdir():
        settle(path)
    result = harness.ingest()
    verdicts = {r.file_name: r.verdict for r in result.receipts}
    assert verdicts.pop("Сотрудники.xlsx") is Verdict.ACCEPTED
    assert set(verdicts) == {
        "broken.xlsx",
        "bomb.xlsx",
        "lol.xlsx",
        "macro.xlsm",
        "notes.txt",
        "old.xls",
    }
    assert set(verdicts.values()) == {Verdict.REJECTED}
    reasons = {r.file_name: r.reason or "" for r in result.receipts}
    assert "макрос" in reasons["macro.xlsm"]
    assert "ожидается книга Excel (.xlsx)" in reasons["notes.txt"]
    assert "97–2003" in reasons["old.xls"]
    for ignored in ("~$Сотрудники.xlsx", ".~lock.Сотрудники.xlsx#", "copy.tmp", "big.part"):
        assert (inbox / ignored).exists(), f"{ignored} must be left alone"
    assert len(harness.receipts("admin", "rejected")) == 6


def test_a_file_still_being_written_is_not_taken(sqlite_harness: SiteHarness) -> None:
    path = sqlite_harness.drop("admin", FormKind.STAFF, STAFF)
    # Copies often keep the source's old mtime: the change time still tells a fresh file.
    stamp = time.time() - 3600
    os.utime(path, (stamp, stamp))
    assert sqlite_harness.ingest(settle=1.0).receipts == []
    assert path.exists()
    time.sleep(1.1)
    (receipt,) = sqlite_harness.ingest(settle=1.0).receipts
    assert receipt.verdict is Verdict.ACCEPTED


def test_a_file_that_breaks_its_reader_gets_a_receipt_and_the_batch_goes_on(
    sqlite_harness: SiteHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Anything unexpected while reading one file (here a reader that fails on it, and an
    original that cannot even be loaded) is that file's answer; the others are applied."""
    from sgo_model.intake import pipeline
    from sgo_model.intake.registry import ReaderRegistry
    from sgo_model.intake.source import Source

    harness = sqlite_harness
    read, load = ReaderRegistry.read, Source.load

    def breaks_on_one(self: ReaderRegistry, source: Source, *args: object) -> object:
        if source.name.startswith("Ломает"):
            raise RuntimeError("the reader's own bug")
        return read(self, source, *args)  # type: ignore[arg-type]

    def fails_to_load(path: Path, name: str, *args: object) -> Source:
        if name.startswith("Не читается"):
            raise OSError("Input/output error")
        return load(path, name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(ReaderRegistry, "read", breaks_on_one)
    monkeypatch.setattr(Source, "load", staticmethod(fails_to_load))
    harness.drop("admin", FormKind.STAFF, STAFF, "Ломает чтение.xlsx", age=30)
    harness.drop("admin", FormKind.STAFF, STAFF, "Не читается.xlsx", age=20)
    harness.drop("admin", FormKind.STAFF, STAFF[:1], "Сотрудники.xlsx", age=10)
    result = harness.ingest()
    verdicts = {r.file_name: (r.verdict, r.reason) for r in result.receipts}
    assert verdicts["Сотрудники.xlsx"][0] is Verdict.ACCEPTED
    for name in ("Ломает чтение.xlsx", "Не читается.xlsx"):
        assert verdicts[name] == (Verdict.REJECTED, pipeline.INTERNAL_ERROR)
    rejected = {p.name for p in harness.receipts("admin", "rejected")}
    claims = harness.site.user_inbox("admin") / ".sgo-claims"
    assert len(rejected) == 2 and not list(claims.iterdir())  # every file answered


def test_a_file_whose_reading_runs_out_of_time_is_refused_and_the_batch_goes_on(
    sqlite_harness: SiteHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that keeps its reader busy past the limit (here a reader that never returns
    on it) is refused with its own receipt; the next file is applied."""
    from dataclasses import replace

    from sgo_model.intake import pipeline
    from sgo_model.intake.registry import ReaderRegistry
    from sgo_model.intake.source import Source
    from sgo_model.office.safety import Limits

    harness = sqlite_harness
    read = ReaderRegistry.read

    def never_ends_on_one(self: ReaderRegistry, source: Source, *args: object) -> object:
        while source.name.startswith("Бесконечный"):
            pass
        return read(self, source, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(ReaderRegistry, "read", never_ends_on_one)
    harness.drop("admin", FormKind.STAFF, STAFF, "Бесконечный.xlsx", age=30)
    harness.drop("admin", FormKind.STAFF, STAFF[:1], "Сотрудники.xlsx", age=10)
    work = harness.intake()
    options = replace(work.options, limits=Limits(max_read_seconds=0.5))
    result = pipeline.ingest_pass(replace(work, options=options))

    verdicts = {r.file_name: (r.verdict, r.reason) for r in result.receipts}
    assert verdicts == {
        "Бесконечный.xlsx": (Verdict.REJECTED, pipeline.too_slow(0.5)),
        "Сотрудники.xlsx": (Verdict.ACCEPTED, verdicts["Сотрудники.xlsx"][1]),
    }
    assert "не прочитан за 0,5\u00a0с" in pipeline.too_slow(0.5)
    (receipt,) = [p for p in harness.receipts("admin", "rejected") if "Бесконечный" in p.name]
    assert "Разделите его на части" in receipt.read_text(encoding="utf-8")


def _reaching_the_edge(source: Path, target: Path, *, declared: bool, cell: bool) -> Path:
    """The blank with its declared range, a cell, or both, at the last cell of Excel."""
    import re

    with zipfile.ZipFile(source) as old:
        sheet = old.read("xl/worksheets/sheet1.xml").decode()
    if declared:
        sheet = re.sub(r'<dimension ref="[^"]+"/>', '<dimension ref="A1:XFD1048576"/>', sheet)
    if cell:
        far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        sheet = sheet.replace("</sheetData>", far + "</sheetData>")
    return _rewrite_member(source, target, "xl/worksheets/sheet1.xml", sheet.encode())


@pytest.mark.parametrize(("declared", "cell"), [(True, True), (True, False), (False, True)])
def test_refuses_a_sheet_reaching_the_last_cell_of_excel_before_reading_it(
    tmp_path: Path, blank: Path, declared: bool, cell: bool
) -> None:
    """Such a sheet made the reader ask for 512 GiB and abort the process; it is refused from
    the sheet's XML, streamed, naming the sheet and how far it reaches."""
    path = _reaching_the_edge(blank, tmp_path / "edge.xlsx", declared=declared, cell=cell)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(UnacceptableFile) as refused:
        check_xlsx(path)
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024 < 50
    reason = str(refused.value)
    assert reason.startswith("Лист «Сотрудники» занимает 1\u00a0048\u00a0576\u00a0строк")
    assert "16\u00a0384\u00a0столбца" in reason
    assert "не более 200\u00a0000\u00a0строк и 512\u00a0столбцов" in reason
    check_xlsx(blank)  # the form itself reaches only as far as it is filled


def test_a_sheet_reaching_the_edge_is_answered_and_the_batch_goes_on(
    sqlite_harness: SiteHarness, blank: Path
) -> None:
    harness = sqlite_harness
    inbox = harness.site.user_inbox("admin")
    inbox.mkdir(parents=True, exist_ok=True)
    _reaching_the_edge(blank, inbox / "до края.xlsx", declared=True, cell=True)
    settle(inbox / "до края.xlsx")
    harness.drop("admin", FormKind.STAFF, STAFF, "Сотрудники.xlsx", age=10)
    verdicts = {r.file_name: r for r in harness.ingest().receipts}
    assert verdicts["Сотрудники.xlsx"].verdict is Verdict.ACCEPTED
    refused = verdicts["до края.xlsx"]
    assert refused.verdict is Verdict.REJECTED and "Лист «Сотрудники»" in (refused.reason or "")

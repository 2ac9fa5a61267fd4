"""Proof of no loss: ``kill -9`` at random moments of a 500-file ingest by two workers on
PostgreSQL, trial after trial; then every file is counted.

Each trial gives a fresh kindergarten (its own PostgreSQL schema) 500 pupils forms of one
child each, starts two ``sgo ingest`` workers on its inbox, kills one or both with SIGKILL at
random moments and starts them again, then lets them finish. It counts:

- files lost: dropped, yet neither answered nor still waiting (inbox or claims);
- applied twice: a child stored more than once, or one file's bytes accepted twice;
- unanswered: files without exactly one receipt once the workers are done;
- receipts that say «принят» for a child the store does not hold.

    SGO_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        .venv/bin/python bench/chaos.py [--trials 20] [--files 500] [--kills 3] [--seed 1]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, text

from sgo_model.bootstrap import REPOSITORY_TEMPLATES, Settings, Store, ingest_and_publish, spec_of
from sgo_model.demo.data import build_demo, generate_pupil_rows
from sgo_model.domain.roles import FormKind
from sgo_model.forms.blanks import write_blank
from sgo_model.intake.pipeline import IntakeOptions
from sgo_model.office.site import Site
from sgo_model.setup.service import init_site
from sgo_model.store.engine import with_schema

SGO = str(Path(sys.executable).with_name("sgo"))
SET_UP = ("staff", "profiles", "load_limits", "groups")
WORKERS = 2


@dataclass
class Trial:
    """What one trial counted."""

    files: int
    kills: int
    seconds: float
    lost: int
    applied_twice: int
    unanswered: int
    accepted: int
    rejected: int


def _forms(
    folder: Path, files: int, seed: int
) -> tuple[list[Path], list[tuple[str, str, list]], str]:
    """The set-up forms, ``files`` pupils forms of one child each (written once) and the
    login that sends them."""
    kindergarten = build_demo(seed, groups=12, employees=40, pupils=100)
    set_up = [(f.login, f.kind, f.rows) for f in kindergarten.forms if f.kind in SET_UP]
    groups = {
        str(r["Группа"]): str(r["Возрастная категория"]) for r in kindergarten.form("groups").rows
    }
    rows = generate_pupil_rows(files, list(groups), seed=seed, categories=groups)
    spec = spec_of(FormKind.PUPILS)
    paths = [
        write_blank(spec, folder / f"Воспитанник {number:04d}.xlsx", rows=[row])
        for number, row in enumerate(rows, start=1)
    ]
    return paths, set_up, kindergarten.form("pupils").login


def _kindergarten(home: Path, url: str, set_up: list[tuple[str, str, list]]) -> Settings:
    site = Site(home)
    store = Store(url)
    store.migrate()
    init_site(site, store.uow(), "МБДОУ «Детский сад № 7»", "2026/2027")
    settings = Settings(home, url, REPOSITORY_TEMPLATES)
    for login, kind, rows in set_up:
        path = write_blank(
            spec_of(FormKind(kind)), site.user_inbox(login) / f"{kind}.xlsx", rows=rows
        )
        _settled(path)
        ingest_and_publish(settings, store, IntakeOptions(settle_seconds=0))
    store.close()
    return settings


def _settled(path: Path) -> None:
    old = time.time() - 60
    os.utime(path, (old, old))


def _worker(settings: Settings) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SGO_DATABASE_URL": settings.database_url}
    command = [SGO, "ingest", "--settle", "0", "--home", str(settings.home)]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _trial(
    base: str, forms: list[Path], set_up: list, clerk: str, kills: int, rng: random.Random
) -> Trial:
    schema = f"chaos_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base)
    with tempfile.TemporaryDirectory() as tmp:
        settings = _kindergarten(Path(tmp) / "site", with_schema(base, schema), set_up)
        inbox = settings.site.user_inbox(clerk)
        inbox.mkdir(parents=True, exist_ok=True)
        for form in forms:
            _settled(shutil.copy(form, inbox / form.name))
        started = time.perf_counter()
        workers = [_worker(settings) for _ in range(WORKERS)]
        done_kills = 0
        while done_kills < kills and any(w.poll() is None for w in workers):
            time.sleep(rng.uniform(0.3, 4.0))
            victims = rng.sample(range(WORKERS), rng.choice((1, 1, 2)))
            for victim in victims:
                if workers[victim].poll() is None:
                    workers[victim].send_signal(signal.SIGKILL)
                    done_kills += 1
                workers[victim].wait()
                workers[victim] = _worker(settings)
        for worker in workers:
            worker.wait()
        # A pass after the workers: what a killed worker left (its claims: the process is gone).
        _worker(settings).wait()
        seconds = time.perf_counter() - started
        trial = _count(settings, forms, clerk, admin, schema, done_kills, seconds)
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    admin.dispose()
    return trial


def _count(
    settings: Settings,
    forms: list[Path],
    clerk: str,
    admin: Engine,
    schema: str,
    kills: int,
    seconds: float,
) -> Trial:
    inbox = settings.site.user_inbox(clerk)
    receipts = Counter(
        p.name.split(" ", 2)[2].removesuffix(".квитанция.txt")
        for p in inbox.glob("*/*.квитанция.txt")
    )
    waiting = {p.name for p in inbox.glob("*.xlsx")} | {
        p.name for p in (inbox / ".sgo-claims").glob("*") if p.is_file()
    }
    names = [form.name for form in forms]
    lost = sum(1 for name in names if not receipts[name] and not any(name in w for w in waiting))
    unanswered = sum(1 for name in names if receipts[name] != 1)
    with admin.connect() as connection:
        twice = connection.execute(
            text(
                f"SELECT count(*) FROM (SELECT last_name, first_name, birth_date FROM "
                f"{schema}.pupils GROUP BY last_name, first_name, birth_date "
                "HAVING count(*) > 1) AS doubled"
            )
        ).scalar_one()
        twice += connection.execute(
            text(
                f"SELECT count(*) FROM (SELECT sha256 FROM {schema}.submissions WHERE status = "
                "'accepted' GROUP BY sha256 HAVING count(*) > 1) AS doubled"
            )
        ).scalar_one()
        accepted = connection.execute(
            text(
                f"SELECT count(*) FROM {schema}.submissions WHERE status = 'accepted' "
                "AND login = :clerk AND file_name LIKE 'Воспитанник %'"
            ),
            {"clerk": clerk},
        ).scalar_one()
        rejected = connection.execute(
            text(
                f"SELECT count(*) FROM {schema}.submissions WHERE status <> 'accepted' "
                "AND login = :clerk AND file_name LIKE 'Воспитанник %'"
            ),
            {"clerk": clerk},
        ).scalar_one()
    return Trial(len(forms), kills, seconds, lost, int(twice), unanswered, accepted, rejected)


def main(argv: list[str] | None = None) -> int:
    """Run the trials, print each and the totals; exit 1 if anything was lost or doubled."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--kills", type=int, default=3, help="SIGKILLs per trial")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args(argv)
    base = os.environ.get("SGO_TEST_DATABASE_URL") or os.environ.get("SGO_DATABASE_URL")
    if not base or not base.startswith("postgresql"):
        print("chaos needs PostgreSQL: set SGO_TEST_DATABASE_URL", file=sys.stderr)
        return 2
    rng = random.Random(options.seed)
    with tempfile.TemporaryDirectory() as tmp:
        forms, set_up, clerk = _forms(Path(tmp), options.files, options.seed)
        trials = []
        for number in range(1, options.trials + 1):
            trial = _trial(base, forms, set_up, clerk, options.kills, rng)
            trials.append(trial)
            print(
                f"trial {number:2d}: {trial.files} files, {trial.kills} kills, "
                f"{trial.seconds:5.1f} s; lost {trial.lost}, applied twice "
                f"{trial.applied_twice}, unanswered {trial.unanswered} "
                f"(accepted {trial.accepted}, refused {trial.rejected})",
                flush=True,
            )
    lost = sum(t.lost for t in trials)
    twice = sum(t.applied_twice for t in trials)
    unanswered = sum(t.unanswered for t in trials)
    kills = sum(t.kills for t in trials)
    files = sum(t.files for t in trials)
    print(
        f"{len(trials)} trials, {files} files, {kills} kill -9: files lost {lost}, "
        f"applied twice {twice}, unanswered {unanswered}"
    )
    return 1 if lost or twice or unanswered else 0


if __name__ == "__main__":
    sys.exit(main())

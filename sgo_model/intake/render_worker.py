"""A render worker in a process of its own: ``python -m sgo_model.intake.render_worker``.

Started by :mod:`sgo_model.intake.rendering` where the calling process may not fork (it runs
other threads: a Prefect flow). It reads its share of the documents (pickled pairs of index
and task) from standard input, renders each, and answers on standard output with the framed
outcomes the forked workers give.
"""

from __future__ import annotations

import pickle
import sys

from sgo_model.intake.rendering import answer, render


def main() -> None:
    """Render the documents sent on standard input; answer each on standard output."""
    share = pickle.loads(sys.stdin.buffer.read())
    out = sys.stdout.buffer
    for index, task in share:
        out.write(answer(index, render(task)))
        out.flush()


if __name__ == "__main__":
    main()

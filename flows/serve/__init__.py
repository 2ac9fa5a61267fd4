"""``sgo serve``: a Prefect server, the admin's deployments served, and the inbox watcher.

The watcher runs in a thread and starts a run of the intake deployment whenever files have
settled (:mod:`flows.serve.trigger`); a Prefect runner (what ``prefect.serve`` runs)
executes those runs in the main thread, so each shows in the Prefect UI with its receipts
(:mod:`flows.serve.site`). Without ``PREFECT_API_URL`` a Prefect server is started as a
subprocess first (:mod:`flows.serve.server`): the temporary server ``serve`` would start on
its own is reachable only from its own thread, so the watcher could not ask it for runs.
Ctrl-C and SIGTERM let the current run end before stopping (:mod:`flows.serve.stop`).

Prefect is imported only once ``PREFECT_API_URL`` is in the environment, because Prefect
reads its settings when it is first imported.
"""

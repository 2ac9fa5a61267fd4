"""A municipality on Prefect's own distributed machinery: a server on PostgreSQL, the process
work pool ``sgo`` with a queue per kindergarten, ``sgo worker`` processes, and one watcher of
every kindergarten's inbox that asks for keyed intake runs."""

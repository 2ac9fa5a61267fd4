"""Documents as records: the registry of every generated document (its number, status, case
of the номенклатура дел, history and provenance)."""

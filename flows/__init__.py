"""Prefect flows: orchestration of the use cases in ``sgo_model.services``; no business rules."""

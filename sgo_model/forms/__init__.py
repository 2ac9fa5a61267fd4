"""Intake forms: one module per form kind, readers of submitted files, blanks and annotations."""

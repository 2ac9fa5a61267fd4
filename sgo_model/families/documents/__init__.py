"""The Word documents of notices, each rendered from an editable template."""

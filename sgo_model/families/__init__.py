"""Notices to families (уведомления родителям): an extract from an order about their child,
the monthly attendance statement, filed per child under ``outbox/families/`` and delivered
by e-mail to the guardians who consented."""

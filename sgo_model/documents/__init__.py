"""Output documents: Word and Excel templates rendered in a sandbox, Russian text helpers.

An adapter layer: it turns plain data (dataclasses built by the services) into files
from templates that an institution may edit (``templates/documents/``).
"""

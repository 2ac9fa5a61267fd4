"""Closing the school year and opening the next: the completeness gate, the dry run, the
resumable run (graduates, promotions, the lock, the next year, the archive), reopening."""

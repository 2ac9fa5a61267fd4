"""Quality monitoring: pedagogical diagnostics in, monitoring reports and data-quality watch out."""

"""Use cases: plain functions that a flow, the CLI and a test can all call."""

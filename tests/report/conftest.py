"""Say at the end of the run when the report was not opened in a browser, so that a
skipped browser test is not lost in "1 skipped"."""

from __future__ import annotations

from typing import Any


def pytest_terminal_summary(terminalreporter: Any) -> None:
    for skipped in terminalreporter.stats.get("skipped", []):
        if "test_browser.py" not in skipped.nodeid:
            continue
        longrepr = skipped.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        terminalreporter.write_line(
            f"NOT CHECKED IN A BROWSER: {reason.removeprefix('Skipped: ')}", yellow=True, bold=True
        )

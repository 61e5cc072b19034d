"""A check report as text for a terminal or as JSON for a site's CI (``postwright check``).

Lines and columns are 1-based here, as editors and CI annotations count them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from editor.core.checks.model import CheckReport, Problem

#: Bumped when the JSON's shape changes incompatibly.
JSON_VERSION = 1


def problem_record(problem: Problem) -> dict[str, object]:
    """One problem as plain data (English text)."""
    return {
        "rule": problem.rule,
        "severity": problem.severity,
        "message": problem.message.english(),
        "line": None if problem.line is None else problem.line + 1,
        "column": None if problem.start is None else problem.start + 1,
        "end_column": None if problem.end is None else problem.end + 1,
        "fix": problem.fix.label.english() if problem.fix is not None else None,
    }


def totals(reports: Sequence[CheckReport]) -> dict[str, int]:
    """How many errors, warnings and hints there are over ``reports``."""
    return {
        "errors": sum(r.count("error") for r in reports),
        "warnings": sum(r.count("warning") for r in reports),
        "hints": sum(r.count("hint") for r in reports),
    }


def as_json(named: Sequence[tuple[str, CheckReport]]) -> str:
    """Every file's problems, and the totals, as one JSON document."""
    document = {
        "version": JSON_VERSION,
        "files": [
            {
                "path": path,
                "profile": report.profile_id,
                "site": report.site,
                "problems": [problem_record(p) for p in report.problems],
            }
            for path, report in named
        ],
        "summary": totals([report for _path, report in named]),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def as_text(named: Sequence[tuple[str, CheckReport]]) -> str:
    """``path:line:column: severity: message [rule]`` lines, then a summary line."""
    out: list[str] = []
    for path, report in named:
        for problem in report.problems:
            place = path
            if problem.line is not None:
                place += f":{problem.line + 1}"
                if problem.start is not None:
                    place += f":{problem.start + 1}"
            fix = f" (fix: {problem.fix.label.english()})" if problem.fix is not None else ""
            out.append(
                f"{place}: {problem.severity}: {problem.message.english()} [{problem.rule}]{fix}"
            )
    count = totals([report for _path, report in named])
    files = len(named)
    out.append(
        f"{files} file{'s' if files != 1 else ''} checked: {count['errors']} errors,"
        f" {count['warnings']} warnings, {count['hints']} hints"
    )
    return "\n".join(out) + "\n"

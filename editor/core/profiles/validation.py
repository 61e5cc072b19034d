"""Checking a post's front matter against its site profile.

Each problem is a :class:`Finding` with a severity, the field, a plain-language message, the
0-based document line of the key when it is known, and a one-click fix where one exists.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from editor.core.front_matter import INDENTED_OPENING, indented_opening, split_front_matter
from editor.core.i18n import Message, message
from editor.core.profiles.model import FieldSpec, Profile

_CONTEXT = "Profiles"
Severity = Literal["error", "warning", "hint"]

_KEY_LINE = re.compile(r"""^(?:"([^"]+)"|'([^']+)'|([^\s#'"{\[-][^:]*?))[ \t]*:(?:\s|$)""")
_PADDED_DATE = re.compile(r"\d{2}/\d{2}/\d{4}")
_LOOSE_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})")


@dataclass(frozen=True, slots=True)
class FixSuggestion:
    """Setting ``key`` to ``new_value`` fixes the finding; ``label`` describes the change."""

    key: str
    new_value: object
    label: Message


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem with one front-matter field."""

    severity: Severity
    key: str
    message: Message
    line: int | None = None
    fix: FixSuggestion | None = None


def validate_metadata(
    profile: Profile, metadata: Mapping[str, object] | None, text: str
) -> tuple[Finding, ...]:
    """Every finding for ``metadata`` (read from the document ``text``) under ``profile``.

    When the opening ``---`` has spaces before it, that is the one finding: the fields are
    there, only not read, so "required" errors would mislead.
    """
    if indented_opening(text) is not None:
        return (Finding("error", "", INDENTED_OPENING, 0),)
    data = metadata or {}
    lines = key_lines(text)
    findings: list[Finding] = []
    for spec in profile.fields:
        value = data.get(spec.key)
        line = lines.get(spec.key)
        if _is_empty(value):
            if spec.required:
                findings.append(Finding("error", spec.key, _missing(spec), line))
            continue
        findings.extend(_check(spec, value, line))
    return tuple(findings)


def key_lines(text: str) -> dict[str, int]:
    """The 0-based document line of each top-level front-matter key (first occurrence)."""
    raw = split_front_matter(text).raw
    lines: dict[str, int] = {}
    for index, line in enumerate((raw or "").splitlines()):
        found = _KEY_LINE.match(line)
        if found:
            key = next(group for group in found.groups() if group is not None)
            lines.setdefault(key, index + 1)  # the opening fence is line 0
    return lines


def _missing(spec: FieldSpec) -> Message:
    return message(_CONTEXT, "“{label}” is required.", label=spec.label)


def _is_empty(value: object) -> bool:
    return value is None or value in ("", ())


def _check(spec: FieldSpec, value: object, line: int | None) -> Iterator[Finding]:
    wrong = _type_problem(spec, value, line)
    if wrong is not None:
        yield wrong
        return
    if isinstance(value, tuple):
        yield from _check_list(spec, value, line)
    if isinstance(value, str):
        yield from _check_text(spec, value, line)
    yield from _check_format(spec, value, line)


# --- Types -------------------------------------------------------------------------------------

_TYPES: dict[str, tuple[type, ...]] = {
    "text": (str,),
    "long_text": (str,),
    "choice": (str,),
    "image": (str,),
    "boolean": (bool,),
    "list": (tuple,),
    "tags": (tuple,),
    "date": (str, dt.date),
    "datetime": (str, dt.date),
}
#: One whole sentence per type, so translators see complete text.
_TYPE_PROBLEMS = {
    "text": "“{label}” should be text.",
    "long_text": "“{label}” should be text.",
    "choice": "“{label}” should be one of the listed values.",
    "image": "“{label}” should be an image path.",
    "boolean": "“{label}” should be true or false.",
    "list": "“{label}” should be a list.",
    "tags": "“{label}” should be a list of tags.",
    "date": "“{label}” should be a date.",
    "datetime": "“{label}” should be a date and time.",
}


def _type_problem(spec: FieldSpec, value: object, line: int | None) -> Finding | None:
    if isinstance(value, _TYPES[spec.type]) and not (
        isinstance(value, bool) and spec.type != "boolean"
    ):
        return None
    text = message(_CONTEXT, _TYPE_PROBLEMS[spec.type], label=spec.label)
    return Finding("error", spec.key, text, line, _type_fix(spec, value))


def _type_fix(spec: FieldSpec, value: object) -> FixSuggestion | None:
    if spec.type in ("list", "tags") and isinstance(value, str):
        label = message(_CONTEXT, "Make it a list with one entry")
        return FixSuggestion(spec.key, (value,), label)
    if spec.type == "boolean" and isinstance(value, str) and value.lower() in ("true", "false"):
        label = message(_CONTEXT, "Write {value} without quotes", value=value.lower())
        return FixSuggestion(spec.key, value.lower() == "true", label)
    if spec.type in ("text", "long_text") and type(value) in (int, float):
        label = message(_CONTEXT, "Write it as text")
        return FixSuggestion(spec.key, str(value), label)
    return None


# --- Lists -------------------------------------------------------------------------------------


def _check_list(spec: FieldSpec, items: tuple[object, ...], line: int | None) -> Iterator[Finding]:
    for position, item in enumerate(items, start=1):
        if isinstance(item, (Mapping, tuple)):
            text = message(
                _CONTEXT,
                "Entry {position} of “{label}” is not a single value. Check its indentation"
                " and that it belongs in this list.",
                position=position,
                label=spec.label,
            )
            yield Finding("error", spec.key, text, line)
    expected = spec.expected_item
    if expected is not None and expected not in items:
        yield _expected_item(spec, items, expected, line)


def _expected_item(
    spec: FieldSpec, items: tuple[object, ...], expected: str, line: int | None
) -> Finding:
    near = [i for i in items if isinstance(i, str) and i.strip().lower() == expected.lower()]
    if near:
        fixed = tuple(expected if item in near else item for item in items)
        label = message(_CONTEXT, "Write “{value}”", value=expected)
    else:
        fixed = (*items, expected)
        label = message(_CONTEXT, "Add “{value}”", value=expected)
    text = message(
        _CONTEXT,
        "Community posts should have “{value}” in “{label}”.",
        value=expected,
        label=spec.label,
    )
    return Finding("warning", spec.key, text, line, FixSuggestion(spec.key, fixed, label))


# --- Text --------------------------------------------------------------------------------------


def _check_text(spec: FieldSpec, value: str, line: int | None) -> Iterator[Finding]:
    yield from _check_length(spec, value, line)
    if spec.pattern is not None and not re.fullmatch(spec.pattern, value):
        text = message(_CONTEXT, "“{label}” is not in the expected form.", label=spec.label)
        yield Finding("error", spec.key, text, line)
    yield from _check_choice(spec, value, line)


def _check_length(spec: FieldSpec, value: str, line: int | None) -> Iterator[Finding]:
    size = len(value)
    args = {"label": spec.label, "size": size}
    if spec.min_length is not None and size < spec.min_length:
        text = message(
            _CONTEXT,
            "“{label}” has {size} characters; it needs at least {limit}.",
            limit=spec.min_length,
            **args,
        )
        yield Finding("error", spec.key, text, line)
    elif spec.max_length is not None and size > spec.max_length:
        text = message(
            _CONTEXT,
            "“{label}” has {size} characters; at most {limit} are allowed.",
            limit=spec.max_length,
            **args,
        )
        trimmed = value[: spec.max_length].rstrip()
        fix = FixSuggestion(
            spec.key,
            trimmed,
            message(_CONTEXT, "Shorten it to {limit} characters", limit=spec.max_length),
        )
        yield Finding("error", spec.key, text, line, fix)
    else:
        yield from _check_hint_range(spec, size, line)


def _check_hint_range(spec: FieldSpec, size: int, line: int | None) -> Iterator[Finding]:
    low, high = spec.hint_min_length, spec.hint_max_length
    if (low is None or size >= low) and (high is None or size <= high):
        return
    args = {"label": spec.label, "size": size, "low": low, "high": high}
    if low is not None and high is not None:
        advice = "“{label}” has {size} characters; {low} to {high} characters work best."
    elif high is not None:
        advice = "“{label}” has {size} characters; at most {high} characters work best."
    else:
        advice = "“{label}” has {size} characters; at least {low} characters work best."
    yield Finding("hint", spec.key, message(_CONTEXT, advice, **args), line)


def _check_choice(spec: FieldSpec, value: str, line: int | None) -> Iterator[Finding]:
    if value in spec.deprecated:
        new = spec.deprecated[value]
        text = message(
            _CONTEXT,
            "“{value}” is no longer used for “{label}”; use “{new}” instead.",
            value=value,
            label=spec.label,
            new=new,
        )
        fix = FixSuggestion(spec.key, new, message(_CONTEXT, "Replace with “{new}”", new=new))
        yield Finding("warning", spec.key, text, line, fix)
    elif spec.allowed and value not in spec.allowed:
        text = message(
            _CONTEXT,
            "“{value}” is not a value “{label}” accepts. Choose one of: {allowed}.",
            value=value,
            label=spec.label,
            allowed=", ".join(spec.allowed),
        )
        yield Finding("error", spec.key, text, line, _spelling_fix(spec, value))


def _spelling_fix(spec: FieldSpec, value: str) -> FixSuggestion | None:
    """The allowed value that differs from ``value`` only in case or spaces, as a fix."""
    near = next((a for a in spec.allowed if a.lower() == value.strip().lower()), None)
    if near is None:
        return None
    return FixSuggestion(spec.key, near, message(_CONTEXT, "Write “{new}”", new=near))


# --- Formats -----------------------------------------------------------------------------------


def _check_format(spec: FieldSpec, value: object, line: int | None) -> Iterator[Finding]:
    if spec.format == "MM/DD/YYYY":
        yield from _check_us_date(spec, value, line)
    elif spec.format == "rfc3339":
        yield from _check_rfc3339(spec, value, line)


def _check_us_date(spec: FieldSpec, value: object, line: int | None) -> Iterator[Finding]:
    """MM/DD/YYYY. Unpadded M/D/YYYY builds on the site, so it is a warning with a fix."""
    if isinstance(value, dt.date):
        padded = value.strftime("%m/%d/%Y")
        yield Finding("error", spec.key, _us_date_problem(spec), line, _pad_fix(spec, padded))
        return
    text = str(value).strip()
    loose = _LOOSE_DATE.fullmatch(text)
    month, day, year = (int(part) for part in loose.groups()) if loose else (0, 0, 0)
    if loose is None or not _real_date(year, month, day):
        yield Finding("error", spec.key, _us_date_problem(spec), line)
    elif not _PADDED_DATE.fullmatch(text):
        padded = f"{month:02d}/{day:02d}/{year:04d}"
        problem = message(
            _CONTEXT,
            "“{label}” should be written MM/DD/YYYY with two-digit month and day: {padded}.",
            label=spec.label,
            padded=padded,
        )
        yield Finding("warning", spec.key, problem, line, _pad_fix(spec, padded))


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _us_date_problem(spec: FieldSpec) -> Message:
    return message(
        _CONTEXT,
        "“{label}” should be a date written MM/DD/YYYY, e.g. 01/31/2025.",
        label=spec.label,
    )


def _pad_fix(spec: FieldSpec, padded: str) -> FixSuggestion:
    return FixSuggestion(spec.key, padded, message(_CONTEXT, "Write {value}", value=padded))


def _check_rfc3339(spec: FieldSpec, value: object, line: int | None) -> Iterator[Finding]:
    """A date, a time and the author's UTC offset (2024-05-01T09:30:00+02:00)."""
    if isinstance(value, dt.datetime):
        ok = value.tzinfo is not None
    elif isinstance(value, dt.date):
        ok = False
    else:
        ok = _RFC3339.fullmatch(str(value).strip()) is not None and _iso_ok(str(value))
    if not ok:
        text = message(
            _CONTEXT,
            "“{label}” needs a date, a time and a time zone offset, e.g."
            " 2025-01-31T09:30:00+01:00.",
            label=spec.label,
        )
        yield Finding("error", spec.key, text, line)


def _iso_ok(text: str) -> bool:
    try:
        dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return False
    return True

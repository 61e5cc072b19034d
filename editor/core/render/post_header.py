"""The post's header as the blog shows it above the body: title, author, reading time, date,
tags - from the front matter, so it follows every edit.

pnp/blog's ``layouts/_default/single.html`` writes ``<h1 class="h2">`` with the title, then a
``card-meta`` list: the author (avatar ``github.com/<githubname>.png`` and a link to the
GitHub profile), ``N minutes to read`` (Hugo's ``.ReadingTime``), the date as ``02 Jan, 2006``
and the tags, each ``humanize``d and linked to ``tags/<urlized>``. The preview fetches
nothing, so the avatar is a placeholder with the author's initials.

The header is one rendered block that covers the front-matter lines: the preview patches it
like any other block and a click on it goes to the front matter.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from html import escape

from editor.core.front_matter import FrontMatterSplit, parse_front_matter
from editor.core.i18n import message
from editor.core.stats import text_stats

_CONTEXT = "PostHeader"

#: Words gobuffalo/flect (behind Hugo's ``humanize``) keeps in capitals.
_ACRONYMS = frozenset(
    ("API", "ASCII", "CLI", "CPU", "CSS", "CSV", "DNS", "EOF", "GUID", "HTML", "HTTP", "HTTPS")
) | {"ID", "IP", "JSON", "LHS", "PDF", "QPS", "RAM", "RHS", "RPC", "SLA", "SMTP", "SQL", "SSH"}
_ACRONYMS |= {"SSO", "TCP", "TLS", "TTL", "UDP", "UI", "UID", "URI", "URL", "UTF8", "UUID", "VM"}
_ACRONYMS |= {"XML", "XMPP", "XSRF", "XSS"}
_NUMBER = re.compile(r"^[+-]?\d+$")


def post_header_html(text: str, split: FrontMatterSplit) -> str:
    """The header for the document ``text`` (split as ``split``); unsanitized HTML."""
    data: Mapping[str, object] = {}
    if split.raw is not None:
        parsed = parse_front_matter(split.raw, first_line=1)
        data = parsed.data or {}
    title = _text(data.get("title"))
    heading = (
        f'<h1 class="h2">{escape(title)}</h1>'
        if title
        else f'<h1 class="h2 post-header-missing">'
        f"{escape(message(_CONTEXT, 'No title yet').english())}</h1>"
    )
    items = [
        _author(_text(data.get("author")), _text(data.get("githubname"))),
        _reading_time(text),
        _date(data.get("date")),
        _tags(data.get("tags")),
    ]
    meta = "".join(f'<li class="list-inline-item">{item}</li>' for item in items if item)
    return (
        f'<header class="post-header">{heading}'
        f'<ul class="card-meta my-3 list-inline">{meta}</ul></header>'
    )


def _text(value: object) -> str:
    if value is None or isinstance(value, (Mapping, tuple, list)):
        return ""
    return str(value).strip()


def initials(name: str) -> str:
    """Up to two initials of ``name`` (the avatar placeholder's text)."""
    words = [word for word in re.split(r"[\s_.-]+", name) if word]
    letters = "".join(word[0] for word in words[:1] + words[1:][-1:])
    return letters.upper() or "?"


def _author(author: str, login: str) -> str:
    if not author and not login:
        return ""
    avatar = (
        f'<span class="avatar-placeholder" aria-hidden="true">{escape(initials(author or login))}'
        "</span>"
    )
    name = f"<span>{escape(author)}</span>"
    if not login:
        return name
    profile = f"https://github.com/{login}/"
    return f'<a href="{escape(profile)}" class="card-meta-author">{avatar} {name}</a>'


def _reading_time(text: str) -> str:
    minutes = text_stats(text).reading_minutes
    label = message(_CONTEXT, "{minutes} minutes to read", minutes=minutes).english()
    return f'<i class="far fa-clock" aria-hidden="true"></i>{escape(label)}'


def publish_date(value: object) -> dt.date | None:
    """The front matter's ``date`` as a date in its own time zone, when it is one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip()).date()
        except ValueError:
            return None
    return None


def _date(value: object) -> str:
    day = publish_date(value)
    if day is None:
        return ""
    shown = f"{day.day:02d} {day.strftime('%b')}, {day.year:04d}"
    return (
        f'<i class="far fa-calendar-alt" aria-hidden="true"></i>'
        f'<time datetime="{day.isoformat()}">{shown}</time>'
    )


def _tags(value: object) -> str:
    if not isinstance(value, (tuple, list)):
        return ""
    tags = [_text(tag) for tag in value if _text(tag)]
    if not tags:
        return ""
    links = "".join(
        f'<li class="list-inline-item"><a href="tags/{escape(urlize(tag))}">'
        f"{escape(humanize(tag))}</a></li>"
        for tag in tags
    )
    return f'<ul class="card-meta-tag list-inline">{links}</ul>'


def urlize(tag: str) -> str:
    """Hugo's ``urlize | lower`` for a tag: spaces become ``-``, URL-unsafe characters go."""
    lowered = re.sub(r"\s+", "-", tag.strip().lower())
    return "".join(char for char in lowered if char.isalnum() or char in "-_./~" or ord(char) > 127)


def humanize(word: str) -> str:
    """Hugo's ``humanize``: a number gets its ordinal; words are split at case changes,
    spaces, ``_`` and ``-``, then lower-cased except known acronyms, and capitalised.

    ``SharePoint Framework (SPFx)`` → ``Share point framework ( spfx)``, as on the site.
    """
    if _NUMBER.match(word.strip()):
        return _ordinal(int(word))
    parts = _parts(word)
    shown = []
    for index, part in enumerate(parts):
        if part.upper() in _ACRONYMS:
            shown.append(part.upper())
        elif index == 0:
            shown.append(part[:1].upper() + part[1:].lower())
        else:
            shown.append(part.lower())
    return " ".join(shown)


def _parts(word: str) -> list[str]:
    """gobuffalo/flect's ``toParts``."""
    parts: list[str] = []
    current = ""
    previous = ""
    word = word.strip()
    if word.upper() in _ACRONYMS:
        return [word.upper()]
    for char in word:
        if char.isspace() or char in "_-":
            parts.append(current)
            current = ""
        elif char.isupper() and (not previous.isupper() or current.upper() in _ACRONYMS):
            parts.append(current)
            current = char
        elif char.isalnum() or unicodedata.category(char).startswith("P") or char == "`":
            current += char
        else:
            parts.append(current)
            current = ""
        previous = char
    parts.append(current)
    return [part.strip() for part in parts if part.strip()]


def _ordinal(number: int) -> str:
    if abs(number) % 100 in (11, 12, 13):
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(abs(number) % 10, 'th') }"

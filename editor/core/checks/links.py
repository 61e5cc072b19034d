"""External links, checked only when the author asks: which to check, and what the answers
mean as problems. The network part is ``services/link_check.py``.

The status codes a site accepts follow pnp/blog's lychee settings (``--accept
200,201,403,429,401``): a page that refuses robots or rate-limits is not broken.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Literal

from editor.core.checks.document import PostDocument
from editor.core.checks.model import Problem
from editor.core.checks.references import web_links
from editor.core.i18n import Message, message
from editor.core.profiles.model import Profile

_CONTEXT = "Checks"
ACCEPTED = frozenset({200, 201, 401, 403, 429})
LinkStatus = Literal["ok", "broken", "unchecked"]


@dataclass(frozen=True, slots=True)
class WebLink:
    """One web address of the post and the 0-based line of its first use."""

    url: str
    line: int


@dataclass(frozen=True, slots=True)
class LinkResult:
    """What checking one address found. ``detail`` says why it is broken or unchecked."""

    url: str
    status: LinkStatus
    code: int | None = None
    detail: Message | None = None


def links_to_check(text: str, profile: Profile | None, path: str | None = None) -> list[WebLink]:
    """The post's distinct ``http(s)`` addresses, in order of first use."""
    doc = PostDocument(text, PurePosixPath(path) if path else None)
    return [WebLink(url, line) for url, line in web_links(doc, profile)]


def status_for_code(code: int) -> LinkStatus:
    """How the site's link checker judges an HTTP status code (after redirects)."""
    return "ok" if code in ACCEPTED or 200 <= code < 400 else "broken"


def link_problems(links: Sequence[WebLink], results: Iterable[LinkResult]) -> list[Problem]:
    """Broken links as errors (the blog's link check blocks the pull request), addresses that
    could not be checked as hints; each on the line of the link's first use."""
    lines = {link.url: link.line for link in links}
    problems: list[Problem] = []
    for result in results:
        line = lines.get(result.url)
        if result.status == "broken":
            text = message(
                _CONTEXT,
                "This link is broken: {url} answered {reason}.",
                url=result.url,
                reason=result.detail.english() if result.detail else str(result.code),
            )
            problems.append(Problem("links.broken", "error", text, line))
        elif result.status == "unchecked":
            text = message(
                _CONTEXT,
                "Could not check {url}: {reason}",
                url=result.url,
                reason=result.detail.english() if result.detail else "",
            )
            problems.append(Problem("links.unchecked", "hint", text, line))
    problems.sort(key=lambda p: -1 if p.line is None else p.line)
    return problems

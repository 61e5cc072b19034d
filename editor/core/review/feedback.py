"""The GitHub issue "Report a problem with this article" files, shown to the user first.

The issue names the article's address and file, quotes the text the reader selected, and gives
the reader's description. When the site profile names the repository's issue template, its
title prefix, labels and body are used: the report goes first, the template's text after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from editor.core.front_matter import read_front_matter, split_front_matter

TITLE_LIMIT = 80


@dataclass(frozen=True, slots=True)
class IssueDraft:
    """The issue as it will be filed: title, Markdown body and labels."""

    title: str
    body: str
    labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class IssueTemplate:
    """What an issue template gives: a title prefix, labels and body text."""

    title: str = ""
    labels: tuple[str, ...] = ()
    body: str = ""


def parse_issue_template(text: str) -> IssueTemplate:
    """The title, labels and body of a Markdown issue template (front matter + text)."""
    split = split_front_matter(text)
    title, labels = "", cast(tuple[str, ...], ())
    data = read_front_matter(text).data
    if data is not None:
        title = str(data.get("title") or "")
        raw = data.get("labels") or ()
        items = raw.split(",") if isinstance(raw, str) else raw
        if isinstance(items, list | tuple):
            labels = tuple(str(item).strip() for item in items if str(item).strip())
    return IssueTemplate(title, labels, split.body.strip())


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.strip().splitlines())


def feedback_issue(
    *,
    address: str,
    path: str,
    article_title: str,
    selection: str,
    description: str,
    template: IssueTemplate | None = None,
) -> IssueDraft:
    """The issue for a reader's report about the article at ``address`` (file ``path``)."""
    first_line = description.strip().splitlines()[0] if description.strip() else ""
    subject = first_line or f"Problem with “{article_title or path}”"
    if len(subject) > TITLE_LIMIT:
        subject = subject[: TITLE_LIMIT - 1].rstrip() + "…"
    prefix = template.title if template is not None else ""
    title = f"{prefix}{subject}" if prefix else subject
    pieces = [f"**Article:** {address}", f"**File:** `{path}`"]
    if selection.strip():
        pieces.append("**Selected text:**\n\n" + _quoted(selection))
    pieces.append("**What is wrong:**\n\n" + (description.strip() or "(no description)"))
    if template is not None and template.body:
        pieces.append(template.body)
    labels = template.labels if template is not None else ()
    return IssueDraft(title, "\n\n".join(pieces) + "\n", labels)

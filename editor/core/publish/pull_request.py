"""The pull-request form a site asks for, and the title and body made from it.

The blog's contributing guide asks for a descriptive title, a description, the category, the
author's social handle and promo text of at most 257 characters; Learn asks for a summary of
the change. The profile's ``pr_title``/``pr_body`` templates give the start of the text; the
form's answers are added below in the sections the site's reviewers look for.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from editor.core.i18n import Message, message
from editor.core.profiles.model import Profile, fill_template

_CONTEXT = "publish"

PROMO_MAX = 257
TITLE_MAX = 256
CATEGORIES = ("New article", "Content fix")

#: Where a site tells its contributors what happens after the pull request.
NEXT_STEPS: Mapping[str, tuple[Message, ...]] = {
    "pnp-blog": (
        message(
            _CONTEXT,
            "The blog's maintainers review your post and may suggest changes in the pull "
            "request; you will get an email from GitHub for each comment.",
        ),
        message(
            _CONTEXT,
            "Once merged, the post appears on the blog and you can claim your badge through "
            "the Microsoft 365 & Power Platform community recognition programme.",
        ),
    ),
    "learn-m365-community": (
        message(
            _CONTEXT,
            "A Microsoft Learn reviewer checks the article and its build report; comments "
            "appear on the pull request.",
        ),
        message(_CONTEXT, "Once merged, the article is published on Microsoft Learn."),
    ),
}


@dataclass(frozen=True, slots=True)
class FormField:
    """One question of the pull-request form."""

    key: str
    label: Message
    multiline: bool = False
    required: bool = False
    max_length: int | None = None
    choices: tuple[str, ...] = ()
    help: Message | None = None


@dataclass(frozen=True, slots=True)
class PullRequestForm:
    """The answers; fields a site does not ask for stay empty."""

    title: str
    description: str = ""
    category: str = CATEGORIES[0]
    related_issues: str = ""
    social_handle: str = ""
    promo: str = ""
    summary: str = ""
    extra: Mapping[str, str] = field(default_factory=dict)


def is_blog(profile: Profile) -> bool:
    """Sites built with Hugo (blog posts) ask more of a pull request than docs sites."""
    return profile.dialect == "goldmark"


def form_fields(profile: Profile) -> tuple[FormField, ...]:
    """The questions the site's contributing guide asks of a pull request."""
    title = FormField(
        "title",
        message(_CONTEXT, "Pull request title"),
        required=True,
        max_length=TITLE_MAX,
        help=message(_CONTEXT, "A descriptive title: what the post is about."),
    )
    issues = FormField(
        "related_issues",
        message(_CONTEXT, "Related issues"),
        help=message(_CONTEXT, "Issue numbers this post answers, such as #123 (optional)."),
    )
    if is_blog(profile):
        return (
            title,
            FormField(
                "description",
                message(_CONTEXT, "Description"),
                multiline=True,
                required=True,
                help=message(_CONTEXT, "What readers will learn from the post."),
            ),
            FormField("category", message(_CONTEXT, "Category"), choices=CATEGORIES),
            issues,
            FormField(
                "social_handle",
                message(_CONTEXT, "Your social media handle"),
                help=message(_CONTEXT, "So the blog can mention you when it shares the post."),
            ),
            FormField(
                "promo",
                message(_CONTEXT, "Promo text"),
                multiline=True,
                max_length=PROMO_MAX,
                help=message(
                    _CONTEXT,
                    "A short text to share the post, at most {count} characters.",
                    count=PROMO_MAX,
                ),
            ),
        )
    return (
        title,
        FormField(
            "summary",
            message(_CONTEXT, "Summary of the change"),
            multiline=True,
            required=True,
            help=message(_CONTEXT, "What the article adds or changes, in a sentence or two."),
        ),
        issues,
    )


def prefilled_form(profile: Profile, values: Mapping[str, str]) -> PullRequestForm:
    """The form filled from the post: the profile's title template, the post's summary or
    description, and the author's handle."""
    title = fill_template(profile.pr_title, values).strip() or values.get("title", "")
    description = (values.get("description") or values.get("summary") or "").strip()
    return PullRequestForm(
        title=title,
        description=description if is_blog(profile) else "",
        summary="" if is_blog(profile) else description,
        social_handle=values.get("social_handle", ""),
    )


def form_problems(profile: Profile, form: PullRequestForm) -> dict[str, Message]:
    """What stops the form from being sent, by field key."""
    problems: dict[str, Message] = {}
    for spec in form_fields(profile):
        value = getattr(form, spec.key, "") or ""
        if spec.required and not value.strip():
            problems[spec.key] = message(_CONTEXT, "{label} is needed.", label=spec.label.text)
        elif spec.max_length is not None and len(value) > spec.max_length:
            problems[spec.key] = message(
                _CONTEXT,
                "{label} is {count} characters long; the site allows at most {limit}.",
                label=spec.label.text,
                count=len(value),
                limit=spec.max_length,
            )
    return problems


def _issue_lines(text: str) -> list[str]:
    found = re.findall(r"#?(\d+)", text)
    return [f"- Fixes #{number}" for number in found]


def pull_request_body(profile: Profile, form: PullRequestForm, values: Mapping[str, str]) -> str:
    """The body: the profile's template (category ticked, related issues listed), then the
    answers of the form."""
    body = fill_template(profile.pr_body, values)
    if is_blog(profile):
        body = _tick_category(body, form.category)
        issues = _issue_lines(form.related_issues)
        if issues:
            body = body.replace("- n/a", "\n".join(issues), 1)
    parts = [body.rstrip("\n")]
    if form.description.strip():
        parts.append("## Description\n\n" + form.description.strip())
    if form.summary.strip():
        parts.append("## Summary of the change\n\n" + form.summary.strip())
    if not is_blog(profile) and form.related_issues.strip():
        parts.append("## Related issues\n\n" + "\n".join(_issue_lines(form.related_issues)))
    if form.social_handle.strip() or form.promo.strip():
        promo = ["## Promotion", ""]
        if form.social_handle.strip():
            promo.append(f"- Social handle: {form.social_handle.strip()}")
        if form.promo.strip():
            promo.append(f"- Promo text: {' '.join(form.promo.split())}")
        parts.append("\n".join(promo))
    parts.append("<!-- Published with Postwright -->")
    return "\n\n".join(parts) + "\n"


def _tick_category(body: str, category: str) -> str:
    for choice in CATEGORIES:
        mark = "x" if choice == category else " "
        body = re.sub(rf"- \[[ xX]\] {re.escape(choice)}", f"- [{mark}] {choice}", body, count=1)
    return body


def with_title(form: PullRequestForm, title: str) -> PullRequestForm:
    return replace(form, title=title)

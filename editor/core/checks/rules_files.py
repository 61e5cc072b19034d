"""Images and links: files that must exist (exactly, as on a case-sensitive server), alt
text, unused and oversized pictures, in-page anchors and web addresses.

Relative paths are resolved against the post's folder through the injected
:class:`~editor.core.checks.files.FileView`; without one (an unsaved post) the file rules are
skipped. When the post's pictures are checked by the Images panel's rules
(:mod:`.rules_images`), the picture rules here stand back and only links are checked.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from urllib.parse import quote, unquote, urlsplit

from editor.core.checks.context import CheckContext
from editor.core.checks.files import look_up, reference_path
from editor.core.checks.model import Problem, QuickFix, TextEdit
from editor.core.checks.references import Reference, collect, heading_ids
from editor.core.checks.sites import image_folder
from editor.core.i18n import Message, message
from editor.core.profiles.validation import Severity

_CONTEXT = "Checks"
IMAGE_EXTENSIONS = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp", ".avif"})
#: A target that is a web address written without ``https://`` (it would become a path).
_BARE_HOST = re.compile(
    r"^(?:www\.[\w-]+|[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|ms|io|dev|gov|edu|co|ly|me|app|info"
    r"|uk|de|nl|fr|be|us))(?:[/:?#]|$)",
    re.IGNORECASE,
)
_MICROSOFT = re.compile(r"(?:^|\.)(?:microsoft\.com|msdn\.com|office\.com|azure\.com)$")
_LOCALE = re.compile(r"/[a-z]{2}-[a-z]{2}(?=/|$)", re.IGNORECASE)


def check(ctx: CheckContext) -> Iterator[Problem]:
    """Every image, link and anchor problem of the post."""
    references = collect(ctx.doc, ctx.profile)
    used: set[str] = set()
    reported: set[tuple[int, str]] = set()  # [![x](a.png)](a.png): one problem, not two
    if ctx.shared_image_rules:  # the pictures are checked by rules_images
        reported = {(r.where.line, _path(ctx, r)) for r in references if r.kind == "image"}
        references = [r for r in references if r.kind != "image" or not r.is_local]
    for reference in references:
        if not reference.target.strip() and reference.syntax == "markdown":
            if reference.kind == "link":
                text = message(_CONTEXT, "This link has no address.")
                yield _problem("links.empty", "warning", text, reference)
            continue
        if reference.is_local and _BARE_HOST.match(_path(ctx, reference)):
            yield from _bare_host(reference, _path(ctx, reference), ctx)
            continue
        if reference.is_local and ctx.files is not None:
            key = (reference.where.line, _path(ctx, reference))
            problems = list(_local_file(ctx, reference, used))
            if key not in reported:
                yield from problems
            if problems:
                reported.add(key)
        yield from _web_address(ctx, reference)
    yield from _anchors(ctx, references)
    if ctx.shared_image_rules:
        return
    yield from _alt_text(ctx, [r for r in references if r.kind == "image"])
    if ctx.files is not None and ctx.site.unused_image is not None:
        yield from _unused(ctx, used)


def _path(ctx: CheckContext, reference: Reference) -> str:
    return reference_path(reference.target, backslashes=ctx.site.backslash_paths)


def _span(ctx: CheckContext, reference: Reference) -> tuple[int, int]:
    where = reference.where
    return ctx.doc.offset(where.line, where.start), ctx.doc.offset(where.line, where.end)


def _problem(
    rule: str,
    severity: Severity,
    text: Message,
    reference: Reference,
    fix: QuickFix | None = None,
) -> Problem:
    where = reference.where
    return Problem(rule, severity, text, where.line, where.start, where.end, fix)


# --- Files beside the post -----------------------------------------------------------------


def _local_file(ctx: CheckContext, reference: Reference, used: set[str]) -> Iterator[Problem]:
    assert ctx.files is not None
    path = _path(ctx, reference)
    if not path:
        return
    if "\\" in unquote(reference.target) and ctx.site.backslash_paths:
        yield from _backslashes(ctx, reference)
    found = look_up(ctx.files, path)
    used.add(found.actual or found.path)
    if found.found:
        yield from _size(ctx, reference, found.size)
        return
    if reference.kind == "link" and ctx.site.name == "pnp-blog" and not posixpath.splitext(path)[1]:
        return  # a link to another page of the blog: its address is not a file path
    if _site_file(ctx, path):
        return  # a shared file of the site's repository (Learn's disclaimer include)
    if found.actual is not None:
        yield _wrong_case(ctx, reference, path, found.actual)
        return
    if reference.kind == "image":
        text = message(_CONTEXT, "The picture “{path}” is not there.", path=path)
    else:
        text = message(_CONTEXT, "The file “{path}” this link points to is not there.", path=path)
    yield _problem(f"{reference.kind}s.missing", ctx.site.missing_file, text, reference)


def _site_file(ctx: CheckContext, path: str) -> bool:
    """Whether ``path`` (relative to the post) is a file of the site's repository that the
    profile says posts use though the library does not hold it."""
    profile = ctx.profile
    if profile is None or not profile.repository_files or ctx.doc.path is None:
        return False
    name = profile.post_name(ctx.doc.path)
    if name is None:
        return False
    folder = posixpath.dirname(str(profile.post_file(name)))
    in_repository = posixpath.normpath(posixpath.join(folder, path))
    return any(shared.path == in_repository for shared in profile.repository_files)


def _wrong_case(ctx: CheckContext, reference: Reference, path: str, actual: str) -> Problem:
    shown, shown_actual = path, actual
    if posixpath.dirname(path) == posixpath.dirname(actual):
        shown, shown_actual = posixpath.basename(path), posixpath.basename(actual)
    if reference.kind == "image":
        advice = (
            "“{path}” is written “{actual}” on disk. The site's server tells capitals apart,"
            " so this picture would be missing."
        )
    else:
        advice = (
            "“{path}” is written “{actual}” on disk. The site's server tells capitals apart,"
            " so this link would be broken."
        )
    text = message(_CONTEXT, advice, path=shown, actual=shown_actual)
    start, end = _span(ctx, reference)
    written = ctx.doc.text[start:end]
    replacement = _written_like(actual, written)
    fix = QuickFix(
        message(_CONTEXT, "Write “{actual}”", actual=shown_actual),
        (TextEdit(start, end, replacement),),
    )
    return _problem(f"{reference.kind}s.case", ctx.site.missing_file, text, reference, fix)


def _written_like(actual: str, written: str) -> str:
    """``actual`` spelled the way the author wrote the path (``./``, ``%20``, fragment kept)."""
    suffix = ""
    for mark in ("#", "?"):
        if mark in written:
            written, rest = written.split(mark, 1)
            suffix = mark + rest + suffix
    prefix = "./" if written.startswith("./") else ""
    text = quote(actual, safe="/-_.~!$&'()*+,;=:@") if "%" in written else actual
    return prefix + text + suffix


def _backslashes(ctx: CheckContext, reference: Reference) -> Iterator[Problem]:
    start, end = _span(ctx, reference)
    text = message(
        _CONTEXT,
        "Use / between folder names. The site accepts \\, but other tools and previews do not.",
    )
    fix = QuickFix(
        message(_CONTEXT, "Write / instead of \\"),
        (TextEdit(start, end, ctx.doc.text[start:end].replace("\\", "/")),),
    )
    yield _problem("links.backslash", "hint", text, reference, fix)


def _size(ctx: CheckContext, reference: Reference, size: int | None) -> Iterator[Problem]:
    limit = ctx.site.large_image_bytes
    if reference.kind != "image" or limit is None or size is None or size <= limit:
        return
    text = message(
        _CONTEXT,
        "This picture is {size} MB; readers wait for it to load. Pictures under {limit} MB"
        " work best.",
        size=f"{size / 1_000_000:.1f}",
        limit=f"{limit / 1_000_000:g}",
    )
    yield _problem("images.large", "hint", text, reference)


def _bare_host(reference: Reference, path: str, ctx: CheckContext) -> Iterator[Problem]:
    text = message(
        _CONTEXT,
        "“{target}” looks like a web address without https://, so the site treats it as a file"
        " beside the post and the link breaks.",
        target=path,
    )
    start, _end = _span(ctx, reference)
    fix = QuickFix(message(_CONTEXT, "Add https://"), (TextEdit(start, start, "https://"),))
    yield _problem("links.no-scheme", "error", text, reference, fix)


def _unused(ctx: CheckContext, used: set[str]) -> Iterator[Problem]:
    assert ctx.files is not None and ctx.site.unused_image is not None
    folder = image_folder(ctx.profile, ctx.doc.folder_name, ctx.doc.file_stem)
    if folder is None:
        return
    names = ctx.files.entries(folder) or {}
    for name, size in sorted(names.items()):
        path = posixpath.normpath(posixpath.join(folder, name))
        if size is None or posixpath.splitext(name)[1].lower() not in IMAGE_EXTENSIONS:
            continue
        if path not in used:
            text = message(
                _CONTEXT,
                "The picture “{path}” is in the post's folder but the post does not use it.",
                path=path,
            )
            yield Problem("images.unused", ctx.site.unused_image, text)


# --- Web addresses and anchors -------------------------------------------------------------


def _web_address(ctx: CheckContext, reference: Reference) -> Iterator[Problem]:
    target = reference.target.strip()
    lowered = target.lower()
    if target.startswith("/") and not target.startswith("//"):  # site-relative: /en-us/...
        if ctx.site.locale_in_links is not None:
            yield from _locale(ctx, reference, *_span(ctx, reference))
        return
    if not lowered.startswith(("http://", "https://")):
        return
    host = (urlsplit(target).hostname or "").lower()
    start, end = _span(ctx, reference)
    if ctx.site.https_only is not None and lowered.startswith("http://"):
        text = message(_CONTEXT, "Links must use https:// on this site.")
        written = ctx.doc.text[start:end]
        fix = None
        if written.lower().startswith("http://"):
            fix = QuickFix(
                message(_CONTEXT, "Use https://"), (TextEdit(start, start + 7, "https://"),)
            )
        yield _problem("links.https", ctx.site.https_only, text, reference, fix)
    if ctx.site.locale_in_links is not None and _MICROSOFT.search(host):
        yield from _locale(ctx, reference, start, end)


def _locale(ctx: CheckContext, reference: Reference, start: int, end: int) -> Iterator[Problem]:
    assert ctx.site.locale_in_links is not None
    written = ctx.doc.text[start:end]
    site_relative = written.startswith("/") and not written.startswith("//")
    path_at = 0 if site_relative else written.find("/", written.find("//") + 2)
    found = _LOCALE.search(written, path_at) if path_at >= 0 else None
    if found is None:
        return
    text = message(
        _CONTEXT,
        "Remove “{locale}” from Microsoft links, so each reader gets the page in their own"
        " language.",
        locale=found.group(0).strip("/"),
    )
    fix = QuickFix(
        message(_CONTEXT, "Remove “{locale}”", locale=found.group(0).strip("/")),
        (TextEdit(start + found.start(), start + found.end(), ""),),
    )
    yield _problem("links.locale", ctx.site.locale_in_links, text, reference, fix)


def _anchors(ctx: CheckContext, references: list[Reference]) -> Iterator[Problem]:
    in_page = [r for r in references if r.kind == "link" and r.target.startswith("#")]
    if not in_page:
        return
    ids = heading_ids(ctx.doc)
    loose = {_loose(i) for i in ids}
    for reference in in_page:
        anchor = unquote(reference.target[1:])
        if not anchor or anchor in ids or _loose(anchor) in loose or anchor.startswith("tab/"):
            continue
        text = message(
            _CONTEXT,
            "No heading of this post has the anchor “#{anchor}”, so the link goes nowhere.",
            anchor=anchor,
        )
        severity: Severity = "error" if ctx.site.name == "learn" else "warning"
        yield _problem("links.anchor", severity, text, reference)


def _loose(anchor: str) -> str:
    """Anchors compared without case and runs of hyphens (the sites' slug rules differ)."""
    return re.sub("-+", "-", anchor.lower()).strip("-")


# --- Alternative text ----------------------------------------------------------------------


def _alt_text(ctx: CheckContext, images: list[Reference]) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for reference in images:
        if reference.alt is None:
            continue
        alt = reference.alt.strip()
        if not alt:
            if ctx.site.alt_missing is not None:
                yield _problem("images.alt-missing", ctx.site.alt_missing, _no_alt(), reference)
            continue
        yield from _alt_is_file_name(ctx, reference, alt)
        key = alt.casefold()
        if key in seen and ctx.site.alt_duplicate is not None:
            text = message(
                _CONTEXT,
                "The same alternative text is used for another picture (line {line}). Describe"
                " what each picture shows.",
                line=seen[key] + 1,
            )
            yield _problem("images.alt-duplicate", ctx.site.alt_duplicate, text, reference)
        seen.setdefault(key, reference.where.line)


def _no_alt() -> Message:
    return message(
        _CONTEXT,
        "This picture has no alternative text. Describe what it shows for readers who cannot"
        " see it.",
    )


def _alt_is_file_name(ctx: CheckContext, reference: Reference, alt: str) -> Iterator[Problem]:
    if ctx.site.alt_file_name is None:
        return
    name = posixpath.basename(reference_path(reference.target, backslashes=True))
    stem = posixpath.splitext(name)[0]
    if alt.casefold() in {name.casefold(), stem.casefold()} and stem:
        text = message(
            _CONTEXT,
            "The alternative text is the file's name. Describe what the picture shows instead.",
        )
        yield _problem("images.alt-file-name", ctx.site.alt_file_name, text, reference)

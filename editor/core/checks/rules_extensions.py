"""Shortcodes and Markdown extensions: what each site runs, and what it would show as text
or refuse to build.

The blog (Hugo 0.104): its theme's and layouts' shortcodes plus Hugo's built-ins; an unknown
shortcode or an unclosed ``notice`` stops ``hugo --minify``. Learn (Markdig + DocFX): alerts of
five types, ``:::image:::`` with its attributes, ``[!INCLUDE [title](path)]`` and the
triple-colon extensions of the Authoring Pack. Each site's syntax on the other site is
reported, with a conversion where one is safe.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import quote

from markdown_it.token import Token

from editor.core.checks.context import CheckContext
from editor.core.checks.files import reference_path
from editor.core.checks.model import Problem, QuickFix, TextEdit
from editor.core.checks.references import SHORTCODE, attributes
from editor.core.checks.sites import ALERT_TYPES, LEARN_EXTENSIONS
from editor.core.i18n import message
from editor.core.profiles.validation import Severity

_CONTEXT = "Checks"
_ALERT = re.compile(r"^(\s*)>([ \t]*)\[(!?)([A-Za-z]+)\]")
_EXTENSION = re.compile(r":::[ \t]*([A-Za-z][\w-]*)((?:\s+[\w-]+\s*=\s*\"[^\"]*\")*)\s*(:::)?")
_INCLUDE = re.compile(r"\[!(include)(\s*)\[", re.IGNORECASE)
_INCLUDE_TARGET = re.compile(r"\[!include\s*\[[^\]]*\]\(\s*<?([^)>\s]+)>?\s*\)\]", re.I)
_NOT_ALERTS = frozenset({"DIV", "VIDEO", "INCLUDE"})
_CONTAINERS = frozenset({"row", "column", "zone", "moniker"})
_IMAGE_ATTRIBUTES = frozenset(
    {"type", "source", "alt-text", "lightbox", "border", "loc-scope", "link"}
)


def check(ctx: CheckContext) -> Iterator[Problem]:
    """Every shortcode and extension problem of the post."""
    if ctx.site.shortcodes is not None:
        yield from _shortcodes(ctx, ctx.site.shortcodes)
    else:
        yield from _hugo_elsewhere(ctx)
    if ctx.site.learn_extensions:
        yield from _alerts(ctx)
        yield from _extensions(ctx)
        yield from _includes(ctx)
    elif ctx.site.shortcodes is not None:
        yield from _learn_on_blog(ctx)


# --- Hugo shortcodes -----------------------------------------------------------------------


Place = tuple[int, int, int]  # line, start column, end column


def _shortcodes(ctx: CheckContext, known: frozenset[str]) -> Iterator[Problem]:
    """Hugo finds shortcodes before Markdown is read, so also inside code (hugo#1287)."""
    open_pairs: dict[str, list[Place]] = {}
    for number, line, prose in ctx.doc.all_body_lines():
        if "{{" not in line:
            continue
        for found in SHORTCODE.finditer(line):
            place = (number, found.start(), found.end())
            if prose[found.start()] == " ":  # written in code: meant to be shown as text
                yield _shortcode_in_code(ctx, found, place, known=found.group(3) in known)
            else:
                yield from _shortcode(ctx, known, found, place, open_pairs)
    for name, places in open_pairs.items():
        for number, start, end in places:
            text = message(
                _CONTEXT,
                "“{name}” is not closed: add {{{{< /{name} >}}}} after its text, or the site's"
                " build fails.",
                name=name,
            )
            yield Problem("shortcodes.unclosed", "error", text, number, start, end)


def _shortcode(
    ctx: CheckContext,
    known: frozenset[str],
    found: re.Match[str],
    place: Place,
    open_pairs: dict[str, list[Place]],
) -> Iterator[Problem]:
    closing, name = bool(found.group(2)), found.group(3)
    if name not in known:
        if not closing:
            yield _unknown_shortcode(name, place)
    elif closing:
        if open_pairs.get(name):
            open_pairs[name].pop()
        elif name in ctx.site.paired_shortcodes:
            yield _stray_close(name, place)
    else:
        if name in ctx.site.paired_shortcodes:
            open_pairs.setdefault(name, []).append(place)
        yield from _shortcode_arguments(ctx, name, found, place)


def _shortcode_in_code(
    ctx: CheckContext, found: re.Match[str], place: Place, *, known: bool
) -> Problem:
    line, start, end = place
    text = message(
        _CONTEXT,
        "Hugo runs shortcodes even inside code, so “{code}” would not be shown as written{more}."
        " To show it, write it as a comment: {{{{</* … */>}}}}.",
        code=found.group(0),
        more="" if known else " and the site's build would fail",
    )
    opening, closing = found.group(0)[:3], found.group(0)[-3:]
    inner = found.group(0)[3:-3]
    commented = f"{opening}/*{inner}*/{closing}"
    at = ctx.doc.offset(line)
    fix = QuickFix(
        message(_CONTEXT, "Write {code}", code=commented),
        (TextEdit(at + start, at + end, commented),),
    )
    severity: Severity = "warning" if known else "error"
    return Problem("shortcodes.in-code", severity, text, line, start, end, fix)


def _unknown_shortcode(name: str, place: Place) -> Problem:
    line, start, end = place
    if name == "mermaid":
        text = message(
            _CONTEXT,
            "The blog has no mermaid shortcode, so the site's build would fail. Put a picture"
            " of the diagram instead.",
        )
    else:
        text = message(
            _CONTEXT,
            "The blog has no shortcode called “{name}”, so the site's build would fail.",
            name=name,
        )
    return Problem("shortcodes.unknown", "error", text, line, start, end)


def _stray_close(name: str, place: Place) -> Problem:
    line, start, end = place
    text = message(
        _CONTEXT,
        "This closes “{name}”, but no “{name}” was opened before it; the site's build fails.",
        name=name,
    )
    return Problem("shortcodes.unopened", "error", text, line, start, end)


def _shortcode_arguments(
    ctx: CheckContext, name: str, found: re.Match[str], place: Place
) -> Iterator[Problem]:
    line, start, end = place
    args = found.group(4)
    named = attributes(args)
    if name == "image":
        source = named.get("src", "")
        if source and not source.lstrip("./").startswith("images/blog/"):
            text = message(
                _CONTEXT,
                "The blog's image shortcode only finds pictures under the site's assets, so"
                " this one shows nothing. Use a Markdown picture: ![description](path).",
            )
            yield Problem(
                "shortcodes.image-path",
                "warning",
                text,
                line,
                start,
                end,
                _image_to_markdown(ctx, place, source, named.get("alt", "")),
            )
    elif name in {"youtube", "vimeo"} and "://" in args:
        yield _video_address(ctx, name, args, place)
    elif name == "podbean" and args.strip() and "sharelink" not in named:
        text = message(
            _CONTEXT,
            'The podbean shortcode reads sharelink="…"; without that name the player is empty.',
        )
        yield Problem("shortcodes.podbean", "warning", text, line, start, end)


#: The video's id in a YouTube or Vimeo address (watch?v=, youtu.be/, embed/, shorts/, vimeo.com/).
_VIDEO_ID = re.compile(
    r"(?:[?&]v=|youtu\.be/|/embed/|/shorts/|vimeo\.com/(?:video/)?)([A-Za-z0-9_-]{6,})"
)


def _video_address(ctx: CheckContext, name: str, args: str, place: Place) -> Problem:
    """``{{< youtube https://… >}}``: the shortcode takes the video's id, not its address."""
    line, start, end = place
    text = message(
        _CONTEXT,
        "The {name} shortcode takes the video's ID (the part after v= in its address), not the"
        " whole address: the video will not play.",
        name=name,
    )
    found = _VIDEO_ID.search(args)
    fix = None
    if found is not None:
        call = ctx.doc.lines[line][start:end]
        fixed = call.replace(args.strip(), found.group(1), 1)
        fix = QuickFix(
            message(_CONTEXT, "Use the ID {id}", id=found.group(1)),
            (TextEdit(ctx.doc.offset(line, start), ctx.doc.offset(line, end), fixed),),
        )
    return Problem("shortcodes.video-address", "error", text, line, start, end, fix)


def _image_to_markdown(ctx: CheckContext, place: Place, source: str, alt: str) -> QuickFix:
    line, start, end = place
    target = quote(source, safe="/-_.~!$&'*+,;=:@%")
    return QuickFix(
        message(_CONTEXT, "Use a Markdown picture"),
        (TextEdit(ctx.doc.offset(line, start), ctx.doc.offset(line, end), f"![{alt}]({target})"),),
    )


def _hugo_elsewhere(ctx: CheckContext) -> Iterator[Problem]:
    if ctx.site.name != "learn":
        return
    for number, line in ctx.doc.prose_lines():
        for found in SHORTCODE.finditer(line) if "{{" in line else ():
            text = message(
                _CONTEXT,
                "Learn does not run Hugo shortcodes: “{code}” would be shown as text.",
                code=found.group(0),
            )
            yield Problem("extensions.unsupported", "error", text, number, *found.span())


# --- Learn on the blog ---------------------------------------------------------------------


def _learn_on_blog(ctx: CheckContext) -> Iterator[Problem]:
    for token in ctx.doc.tokens:
        if token.type == "blockquote_open" and token.map is not None:
            found = _ALERT.match(ctx.doc.lines[token.map[0]])
            if found and found.group(3) and found.group(4).upper() in ALERT_TYPES:
                text = message(
                    _CONTEXT,
                    "The blog does not know Learn's alerts: “[!{kind}]” is shown as text. Use"
                    " the notice shortcode.",
                    kind=found.group(4).upper(),
                )
                yield Problem(
                    "extensions.unsupported",
                    "warning",
                    text,
                    token.map[0],
                    fix=_alert_to_notice(ctx, token, found.group(4).lower()),
                )
    for number, line in ctx.doc.prose_lines():
        if ":::" in line or "[!INCLUDE" in line.upper():
            found_ext = _EXTENSION.search(line) or _INCLUDE.search(line)
            if found_ext is not None:
                text = message(
                    _CONTEXT,
                    "The blog does not know Learn's “{syntax}” syntax; it is shown as text.",
                    syntax=found_ext.group(0).split()[0].rstrip(":["),
                )
                yield Problem("extensions.unsupported", "warning", text, number, *found_ext.span())


def _alert_to_notice(ctx: CheckContext, quote_token: Token, kind: str) -> QuickFix | None:
    assert quote_token.map is not None
    first, end = quote_token.map
    lines = ctx.doc.lines[first:end]
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines or not all(line.lstrip().startswith(">") for line in lines):
        return None  # lazy continuation lines: leave the conversion to the author
    inner = [re.sub(r"^\s*>[ ]?", "", line, count=1) for line in lines]
    first_rest = inner[0][inner[0].find("]") + 1 :].strip()
    content = ([first_rest] if first_rest else []) + inner[1:]
    opening = "{{< notice " + kind + " >}}"
    new = ctx.doc.newline.join([opening, *content, "{{< /notice >}}"])
    start = ctx.doc.offset(first)
    stop = ctx.doc.offset(first + len(lines) - 1) + len(lines[-1])
    return QuickFix(message(_CONTEXT, "Use the notice shortcode"), (TextEdit(start, stop, new),))


# --- Learn alerts, extensions and includes ---------------------------------------------------


def _alerts(ctx: CheckContext) -> Iterator[Problem]:
    for number, line in ctx.doc.prose_lines():
        found = _ALERT.match(line)
        if found is None:
            continue
        indent, space, bang, word = found.groups()
        upper = word.upper()
        if upper in _NOT_ALERTS:
            continue
        span = (found.start(), found.end())
        canonical = f"{indent}> [!{upper}]"
        fix_edit = TextEdit(ctx.doc.offset(number), ctx.doc.offset(number, found.end()), canonical)
        if upper not in ALERT_TYPES:
            if bang:
                text = message(
                    _CONTEXT,
                    "“{kind}” is not an alert type. Use NOTE, TIP, IMPORTANT, CAUTION or WARNING.",
                    kind=word,
                )
                yield Problem("extensions.alert-type", "error", text, number, *span)
            continue
        if not bang:
            text = message(
                _CONTEXT, "An alert needs an exclamation mark: write [!{kind}].", kind=upper
            )
            fix = QuickFix(message(_CONTEXT, "Write {alert}", alert=f"> [!{upper}]"), (fix_edit,))
            yield Problem("extensions.alert-syntax", "warning", text, number, *span, fix)
        elif word != upper or space != " ":
            text = message(
                _CONTEXT,
                "Learn writes alerts “> [!{kind}]”: upper case, a space after >.",
                kind=upper,
            )
            fix = QuickFix(message(_CONTEXT, "Write {alert}", alert=f"> [!{upper}]"), (fix_edit,))
            yield Problem("extensions.alert-spelling", "hint", text, number, *span, fix)


def _extensions(ctx: CheckContext) -> Iterator[Problem]:
    lines = list(ctx.doc.prose_lines())
    open_blocks: list[tuple[str, int, tuple[int, int]]] = []
    for index, (number, line) in enumerate(lines):
        if ":::" not in line:
            continue
        for found in _EXTENSION.finditer(line):
            name = found.group(1)
            base = name.lower().removesuffix("-end")
            span = found.span()
            if base in _CONTAINERS:
                yield from _container(open_blocks, name.lower(), base, number, span)
            if base not in LEARN_EXTENSIONS:
                text = message(
                    _CONTEXT,
                    "Learn has no “:::{name}:::” extension; the build reports it.",
                    name=name,
                )
                yield Problem("extensions.unsupported", "error", text, number, *span)
            elif base == "image" and not name.lower().endswith("-end"):
                later = [text for _n, text in lines[index + 1 :]]
                yield from _image_attributes(name, found.group(2), number, span, later)
    for base, number, span in open_blocks:
        text = message(
            _CONTEXT,
            "“:::{name}” has no closing “:::{name}-end” line, so Learn does not render it.",
            name=base,
        )
        yield Problem("extensions.unclosed", "error", text, number, *span)


def _container(
    open_blocks: list[tuple[str, int, tuple[int, int]]],
    name: str,
    base: str,
    number: int,
    span: tuple[int, int],
) -> Iterator[Problem]:
    """Track ``:::row:::`` … ``:::row-end:::`` (and column, zone, moniker) pairs."""
    if not name.endswith("-end"):
        open_blocks.append((base, number, span))
        return
    for index in range(len(open_blocks) - 1, -1, -1):
        if open_blocks[index][0] == base:
            del open_blocks[index]
            return
    text = message(_CONTEXT, "“:::{name}” closes a block that was never opened.", name=name)
    yield Problem("extensions.unopened", "error", text, number, *span)


def _image_attributes(
    name: str, raw: str, number: int, span: tuple[int, int], later: list[str]
) -> Iterator[Problem]:
    attrs = attributes(raw)
    problems: list[str] = []
    if name != "image" or any(key != key.lower() for key in attrs):
        problems.append("“image” and its attribute names must be lower case.")
    lowered = {key.lower(): value for key, value in attrs.items()}
    kind = lowered.get("type", "content")
    unknown = sorted(set(lowered) - _IMAGE_ATTRIBUTES)
    if kind not in ("content", "complex", "icon"):
        problems.append("type must be “content”, “complex” or “icon”.")
    if not lowered.get("source"):
        problems.append('A picture needs source="…".')
    if kind in ("content", "complex") and not lowered.get("alt-text", "").strip():
        problems.append('A picture needs alt-text="…" describing it.')
    if kind == "icon" and ("alt-text" in lowered or "loc-scope" in lowered):
        problems.append("An icon takes no alt-text or loc-scope.")
    if kind == "complex" and not any(":::image-end:::" in text for text in later):
        problems.append("A complex picture needs a long description ended by :::image-end:::.")
    for text in problems:
        yield Problem("extensions.image", "error", message(_CONTEXT, text), number, *span)
    if unknown:
        text_unknown = message(
            _CONTEXT, "Learn does not know the attribute “{name}”.", name=unknown[0]
        )
        yield Problem("extensions.image", "warning", text_unknown, number, *span)


def _includes(ctx: CheckContext) -> Iterator[Problem]:
    for number, line in ctx.doc.prose_lines():
        if "[!" not in line:
            continue
        if ctx.files is not None:
            yield from _nested_includes(ctx, number, line)
        for found in _INCLUDE.finditer(line):
            if found.group(1) == "INCLUDE" and found.group(2) == " ":
                continue
            text = message(
                _CONTEXT,
                "Write includes as [!INCLUDE [title](path)]: INCLUDE in capitals, one space"
                " before [title].",
            )
            start, end = ctx.doc.offset(number, found.start()), ctx.doc.offset(number, found.end())
            fix = QuickFix(
                message(_CONTEXT, "Write [!INCLUDE ["), (TextEdit(start, end, "[!INCLUDE ["),)
            )
            yield Problem("extensions.include", "warning", text, number, *found.span(), fix)


def _nested_includes(ctx: CheckContext, number: int, line: str) -> Iterator[Problem]:
    """Learn does not expand an include inside an included file."""
    assert ctx.files is not None
    for found in _INCLUDE_TARGET.finditer(line):
        path = reference_path(found.group(1), backslashes=True)
        text = ctx.files.read_text(path)
        if text is not None and _INCLUDE.search(text):
            problem = message(
                _CONTEXT,
                "“{path}” includes another file itself; Learn does not allow nested includes.",
                path=path,
            )
            yield Problem("extensions.include-nested", "error", problem, number, *found.span(1))

"""The shortcodes pnp/blog has, rendered the way the site renders them.

The site's own (``layouts/shortcodes``: ``attachments``, ``asciinema``, ``csv-contributors``,
``csv-links``), its theme's (reader-hugo: ``notice``, ``checklist``, ``image``, ``podbean``)
and Hugo's built-ins (``youtube``, ``vimeo``, ``figure``, ``gist``, ``tweet``, ``instagram``,
``highlight``, ``ref``, ``relref``). The HTML is the site's, minus what the preview cannot or
must not do: embeds that load from the network are an offline card (title, link, provider)
unless remote content is allowed, and a player that needs the site's scripts is a card too.

A shortcode the site does not have stops the site's build; it is shown as an error block that
says so, never dropped. Text the reader sees comes from :class:`~editor.core.i18n.Message`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape, unescape

from editor.core.i18n import Message, message
from editor.core.render.highlight import highlight_code
from editor.core.render.hugo.scanner import ShortcodeCall

_CONTEXT = "Shortcodes"
#: ``{{</* name */>}}`` → ``{{< name >}}``: what Hugo prints for a commented-out call.
_COMMENT_MARKERS = re.compile(r"^(\{\{[<%])[ \t]*/\*(.*?)\*/[ \t]*([>%]\}\})$", re.DOTALL)

NOTICE_TYPES = ("note", "tip", "important", "caution", "warning")
#: Shortcodes whose template reads ``.Inner``: Hugo refuses them without a closing tag.
_BLOCK_START = re.compile(
    r"\s*<(?:p|ul|ol|dl|div|pre|table|blockquote|figure|h[1-6]|hr|details|section)[\s>]"
)
_NEED_INNER = frozenset({"notice", "checklist", "highlight"})


@dataclass(frozen=True, slots=True)
class ShortcodeContext:
    """What a shortcode may know about the post besides its text."""

    #: Renders Markdown as Hugo's ``markdownify`` (shortcodes inside expanded).
    markdownify: Callable[[str], str]
    allow_remote: bool = False
    #: The post bundle's ``files/`` folder: ``(name, size in bytes)``.
    attachments: tuple[tuple[str, int], ...] = ()
    #: The post bundle's ``data/`` folder: ``(name, text)``.
    data_files: tuple[tuple[str, str], ...] = field(default=())
    #: Reads a file of the post's folder by its path there (``data/x.csv``), or None.
    read_post_file: Callable[[str], str | None] = field(default=lambda _path: None)


Renderer = Callable[[ShortcodeCall, ShortcodeContext], str]


def render_call(call: ShortcodeCall, context: ShortcodeContext) -> str:
    """The HTML the site's build would put in place of ``call`` (or an error block)."""
    tag = call.opening
    if tag.comment:
        return escape(_COMMENT_MARKERS.sub(r"\1\2\3", tag.source))
    problem = call_problem(call)
    if problem is not None:
        return error_block(problem, tag.source)
    return _RENDERERS[tag.name](call, context)


def call_problem(call: ShortcodeCall) -> Message | None:
    """Why the site's build fails on ``call``, or None."""
    tag = call.opening
    if tag.closing:
        return message(
            _CONTEXT,
            "A closing {{{{< /{name} >}}}} without its opening tag: the site's build will fail.",
            name=tag.name,
        )
    if tag.name not in _RENDERERS:
        return message(
            _CONTEXT,
            "The site has no shortcode called “{name}”: the site's build will fail.",
            name=tag.name,
        )
    if tag.name in _NEED_INNER and call.inner is None and not tag.self_closing:
        return message(
            _CONTEXT,
            "“{name}” needs its closing {{{{< /{name} >}}}}: the site's build will fail.",
            name=tag.name,
        )
    return None


def known_shortcodes() -> tuple[str, ...]:
    """Names of the shortcodes the site has."""
    return tuple(sorted(_RENDERERS))


def error_block(problem: Message, source: str) -> str:
    """A visible block naming a problem that would break the site's build."""
    shown = source if len(source) <= 200 else f"{source[:200]}…"
    return (
        '<div class="shortcode-error" role="note">'
        f'<p class="shortcode-error-title">{escape(problem.english())}</p>'
        f"<pre><code>{escape(shown)}</code></pre></div>"
    )


def _note(text: Message) -> str:
    return f'<p class="shortcode-note">{escape(text.english())}</p>'


def _card(provider: str, title: str, url: str, note: Message | None = None) -> str:
    """An offline stand-in for an embed: provider, title and a link to open it elsewhere."""
    link = escape(url)
    shown_note = note or message(_CONTEXT, "Not loaded: remote content is off for this post.")
    return (
        '<div class="embed-card">'
        f'<p class="embed-card-provider">{escape(provider)}</p>'
        f'<p class="embed-card-title">{escape(title)}</p>'
        f'<p class="embed-card-link"><a href="{link}">{link}</a></p>'
        f"{_note(shown_note)}</div>"
    )


def _iframe(src: str, title: str, css_class: str) -> str:
    return (
        f'<div class="{css_class}"><iframe src="{escape(src)}" title="{escape(title)}" '
        'allowfullscreen loading="lazy"></iframe></div>'
    )


# --- Hugo built-ins -----------------------------------------------------------------------


def _youtube(call: ShortcodeCall, context: ShortcodeContext) -> str:
    video = call.get("id") or call.get(0)
    title = call.get("title") or message(_CONTEXT, "YouTube video").english()
    if not video:
        return error_block(
            message(_CONTEXT, "This youtube shortcode names no video."), call.opening.source
        )
    if context.allow_remote:
        return _iframe(f"https://www.youtube.com/embed/{video}", title, "video-embed")
    return _card("YouTube", title, f"https://www.youtube.com/watch?v={video}")


def _vimeo(call: ShortcodeCall, context: ShortcodeContext) -> str:
    video = call.get("id") or call.get(0)
    title = call.get("title") or message(_CONTEXT, "Vimeo video").english()
    if context.allow_remote:
        return _iframe(f"https://player.vimeo.com/video/{video}", title, "video-embed")
    return _card("Vimeo", title, f"https://vimeo.com/{video}")


def _gist(call: ShortcodeCall, context: ShortcodeContext) -> str:
    user, gist = call.get(0), call.get(1)
    url = f"https://gist.github.com/{user}/{gist}"
    file_name = call.get(2)
    title = file_name or f"{user}/{gist}"
    note = message(_CONTEXT, "A gist is shown by a script on the site; the preview runs none.")
    return _card("GitHub Gist", title, url, note)


def _tweet(call: ShortcodeCall, context: ShortcodeContext) -> str:
    user, tweet = call.get("user") or call.get(0), call.get("id") or call.get(1)
    url = f"https://twitter.com/{user}/status/{tweet}" if user else f"https://twitter.com/i/{tweet}"
    note = message(_CONTEXT, "A post on X (Twitter) is fetched while the site builds.")
    return _card("X (Twitter)", url, url, note)


def _instagram(call: ShortcodeCall, context: ShortcodeContext) -> str:
    url = f"https://www.instagram.com/p/{call.get('id') or call.get(0)}/"
    note = message(_CONTEXT, "An Instagram post is fetched while the site builds.")
    return _card("Instagram", url, url, note)


def _figure(call: ShortcodeCall, context: ShortcodeContext) -> str:
    """Hugo's built-in ``figure`` (caption and attribution markdownified, side by side)."""
    src, link, caption = call.get("src"), call.get("link"), call.get("caption")
    alt = call.get("alt") or _plain(context.markdownify(caption) if caption else "")
    named = (("alt", alt), ("width", call.get("width")), ("height", call.get("height")))
    attributes = "".join(f' {name}="{escape(value)}"' for name, value in named if value)
    image = f'<img src="{escape(src)}"{attributes}>'
    if link:
        image = f'<a href="{escape(link)}">{image}</a>'
    title, attr = call.get("title"), call.get("attr")
    parts = [f"<h4>{escape(title)}</h4>"] if title else []
    if caption or attr:
        text = context.markdownify(caption) if caption else ""
        credit = context.markdownify(attr) if attr else ""
        if credit and call.get("attrlink"):
            credit = f'<a href="{escape(call.get("attrlink"))}">{credit}</a>'
        parts.append(f"<p>{text}{credit}</p>")
    figcaption = f"<figcaption>{''.join(parts)}</figcaption>" if parts else ""
    css = call.get("class")
    css_attribute = f' class="{escape(css)}"' if css else ""
    return f"<figure{css_attribute}>{image}{figcaption}</figure>"


def _plain(html: str) -> str:
    """Hugo's ``plainify``: the text of ``html``."""
    return unescape(re.sub(r"<[^>]*>", "", html))


def _highlight(call: ShortcodeCall, context: ShortcodeContext) -> str:
    code = (call.inner or "").strip("\n")
    return highlight_code(code + "\n", call.get(0))


def _ref(call: ShortcodeCall, context: ShortcodeContext) -> str:
    return escape(call.get("path") or call.get(0))


# --- the theme's and the site's -----------------------------------------------------------


def _notice(call: ShortcodeCall, context: ShortcodeContext) -> str:
    kind = call.get(0)
    if kind not in NOTICE_TYPES:
        return error_block(
            message(
                _CONTEXT,
                "A notice is one of: note, tip, important, caution, warning (not “{kind}”).",
                kind=kind,
            ),
            call.opening.source,
        )
    body = context.markdownify(call.inner or "")
    # The theme writes <p>{{ .Inner | markdownify }}</p>; a browser closes that <p> before a
    # block, so block content is shown without it.
    content = body if _BLOCK_START.match(body) else f"<p>{body}</p>"
    return (
        f'<div class="alert {kind}"><p class="alert-title">'
        f'<span class="docon docon-status-{kind}-outline">{kind.title()}</span></p>'
        f"{content}</div>"
    )


def _checklist(call: ShortcodeCall, context: ShortcodeContext) -> str:
    return f'<div class="checklist">{context.markdownify(call.inner or "")}</div>'


def _image(call: ShortcodeCall, context: ShortcodeContext) -> str:
    src, alt = call.get("src"), call.get("alt")
    if not src.startswith(("http://", "https://", "images/blog/", "assets/")):
        warning = message(
            _CONTEXT,
            "The site's image shortcode only finds pictures under assets/, so “{src}” is "
            "missing on the site. Use ![{alt}]({src}) instead.",
            src=src,
            alt=alt,
        )
        return error_block(warning, call.opening.source)
    src = src.removeprefix("assets/")
    return (
        f'<img loading="lazy" class="w-100 d-block mb-4" src="{escape(src)}" alt="{escape(alt)}">'
    )


def _podbean(call: ShortcodeCall, context: ShortcodeContext) -> str:
    share = call.get("sharelink")
    title = call.get("title") or message(_CONTEXT, "Podbean episode").english()
    if not share:
        problem = message(
            _CONTEXT,
            'The site\'s podbean shortcode reads a named sharelink="…"; without it the site '
            "shows an empty player.",
        )
        return error_block(problem, call.opening.source)
    episode = share[3:] + "-pb" if share.startswith("pb-") else share
    src = f"https://www.podbean.com/player-v2/?i={episode}&from=pb6admin&square=1&share=1"
    if context.allow_remote:
        return _iframe(src, title, "podcast-embed")
    return _card("Podbean", title, f"https://www.podbean.com/ew/{share}")


def _size(size: int) -> str:
    unit = "B"
    for bigger in ("KB", "MB"):
        if size >= 1024:
            size, unit = size // 1024, bigger
    return f"{size} {unit}"


def _attachments(call: ShortcodeCall, context: ShortcodeContext) -> str:
    title = call.get("title") or "Attachments"
    style = call.get("style") or "transparent"
    files = sorted(context.attachments, reverse=call.get("sort") == "desc")
    items = "".join(
        f'<li><a href="files/{escape(name)}">{escape(name)}</a> ({_size(size)})</li>'
        for name, size in files
    )
    empty = (
        ""
        if files
        else _note(message(_CONTEXT, "The post's files folder is empty: the list is empty."))
    )
    inner = context.markdownify(call.inner) if call.inner and call.inner.strip() else ""
    return (
        f'<div class="box attachments {escape(style)}">'
        f'<div class="box-label"><i class="fas fa-paperclip fa-fw"></i> {escape(title)}</div>'
        f'<ul class="box-content attachments-files">{items}</ul>{empty}{inner}</div>'
    )


def _asciinema(call: ShortcodeCall, context: ShortcodeContext) -> str:
    key = call.get("key")
    note = message(_CONTEXT, "A terminal recording is played by a script on the site.")
    return _card("asciinema", call.get("title") or key, f"images/{key}.cast", note)


def _csv_rows(call: ShortcodeCall, context: ShortcodeContext) -> list[list[str]] | str:
    """The data rows of the CSV file the call names, or an error block."""
    name = call.get("file")
    text = dict(context.data_files).get(name)
    if text is None:
        text = context.read_post_file(f"data/{name}")
    if text is None:
        problem = message(
            _CONTEXT,
            "There is no data/{name} in the post's folder: the site's build will fail.",
            name=name,
        )
        return error_block(problem, call.opening.source)
    separator = (call.get("sep") or ",")[:1]
    rows = list(csv.reader(io.StringIO(text), delimiter=separator))
    return [row + [""] * (4 - len(row)) for row in rows[1:] if row]


def _csv_contributors(call: ShortcodeCall, context: ShortcodeContext) -> str:
    rows = _csv_rows(call, context)
    if isinstance(rows, str):
        return rows
    items = []
    for name, link, role, extra in (row[:4] for row in rows):
        shown = f'<a href="{escape(link)}">{escape(name)}</a>' if link else escape(name)
        shown += f" ({escape(role)})" if role else ""
        shown += f" | {escape(extra)}" if extra else ""
        items.append(f"<li>{shown}</li>")
    return f"<ul>{''.join(items)}</ul>"


def _csv_links(call: ShortcodeCall, context: ShortcodeContext) -> str:
    rows = _csv_rows(call, context)
    if isinstance(rows, str):
        return rows
    items = "".join(f'<li><a href="{escape(row[1])}">{escape(row[0])}</a></li>' for row in rows)
    return f"<ul>{items}</ul>"


_RENDERERS: dict[str, Renderer] = {
    "youtube": _youtube,
    "vimeo": _vimeo,
    "gist": _gist,
    "tweet": _tweet,
    "twitter": _tweet,
    "instagram": _instagram,
    "figure": _figure,
    "highlight": _highlight,
    "ref": _ref,
    "relref": _ref,
    "notice": _notice,
    "checklist": _checklist,
    "image": _image,
    "podbean": _podbean,
    "attachments": _attachments,
    "asciinema": _asciinema,
    "csv-contributors": _csv_contributors,
    "csv-links": _csv_links,
}

"""Remote images and embeds replaced by visible placeholders (when the author has not allowed
remote content).

This runs on *sanitized* HTML: ammonia serializes every attribute as ``name="value"`` with
``"``, ``&``, ``<`` and ``>`` escaped, so the tags can be matched reliably with a regular
expression. The placeholders are built here from escaped text only.

"Remote" is anything that is not a relative path or a ``data:`` image: any URL with a scheme,
and scheme-relative ``//host/…`` URLs (browsers also read ``\\\\host`` that way).
"""

from __future__ import annotations

import re
from html import escape, unescape

from editor.core.i18n import Message, message

_ATTRIBUTES = r'(?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*'
_ATTRIBUTE = re.compile(r'([^\s"\'>/=]+)(?:="([^"]*)")?')
_IMAGE = re.compile(rf"<img({_ATTRIBUTES})\s*/?>")
_MEDIA = re.compile(rf"<(video|audio|iframe)({_ATTRIBUTES})\s*>(.*?)</\1>", re.DOTALL)
_SOURCE = re.compile(rf"<(?:source|track)({_ATTRIBUTES})\s*/?>")
_REMOTE_URL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|[/\\]{2})")
_IGNORED_IN_URLS = re.compile(r"[\t\n\r]")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))  # stripped from both ends of a URL
_LOADING_TAGS = ("<img", "<video", "<audio", "<iframe", "<source")

_CONTEXT = "RemoteContent"
_LABELS: dict[str, Message] = {
    "img": message(_CONTEXT, "Remote image"),
    "video": message(_CONTEXT, "Remote video"),
    "audio": message(_CONTEXT, "Remote audio"),
    "iframe": message(_CONTEXT, "Embedded page"),
}
_BLOCKED = message(_CONTEXT, "Not loaded: remote content is off for this post.")


def is_remote_url(value: str) -> bool:
    """True when loading ``value`` (an attribute value, entities decoded) leaves the machine."""
    url = _IGNORED_IN_URLS.sub("", value).strip(_C0_AND_SPACE)
    return bool(_REMOTE_URL.match(url)) and not url.lower().startswith("data:")


def block_remote_content(html: str) -> str:
    """``html`` with remote images, remote media and every ``iframe`` replaced."""
    if not any(tag in html for tag in _LOADING_TAGS):
        return html
    html = _MEDIA.sub(_replace_media, html)
    html = _SOURCE.sub(_drop_remote_source, html)
    return _IMAGE.sub(_replace_image, html)


def _attributes(text: str) -> dict[str, str]:
    return {name: unescape(value or "") for name, value in _ATTRIBUTE.findall(text)}


def _sources(attributes: dict[str, str]) -> list[str]:
    """Every URL an element would load."""
    urls = [attributes[name] for name in ("src", "poster") if attributes.get(name)]
    for candidate in attributes.get("srcset", "").split(","):
        if candidate.strip():
            urls.append(candidate.split()[0])
    return urls


def _replace_image(match: re.Match[str]) -> str:
    attributes = _attributes(match.group(1))
    remote = [url for url in _sources(attributes) if is_remote_url(url)]
    if not remote:
        return match.group(0)
    return placeholder("img", remote[0], attributes.get("alt", ""))


def _replace_media(match: re.Match[str]) -> str:
    kind, attributes = match.group(1), _attributes(match.group(2))
    inner = [_attributes(source.group(1)) for source in _SOURCE.finditer(match.group(3))]
    urls = [*_sources(attributes), *(url for source in inner for url in _sources(source))]
    remote = [url for url in urls if is_remote_url(url)]
    if kind != "iframe" and not remote:
        return match.group(0)
    return placeholder(kind, (remote or urls or [""])[0], attributes.get("title", ""))


def _drop_remote_source(match: re.Match[str]) -> str:
    remote = any(is_remote_url(url) for url in _sources(_attributes(match.group(1))))
    return "" if remote else match.group(0)


def placeholder(kind: str, url: str, text: str) -> str:
    """The visible stand-in for a blocked ``img``, ``video``, ``audio`` or ``iframe``."""
    label = _LABELS[kind].english()
    shown = f"{label}: {text}" if text else label
    card = " pw-remote-card" if kind != "img" else ""
    link = escape(url)
    address = (
        f'<a class="pw-remote-url" href="{link}" rel="noopener noreferrer">{link}</a>'
        if kind != "img" and url.lower().startswith(("http://", "https://"))
        else f'<span class="pw-remote-url">{link}</span>'
    )
    title = escape(f"{_BLOCKED.english()} {url}".strip())
    return (
        f'<span class="pw-remote-placeholder{card}" title="{title}">'
        f'<span class="pw-remote-label">{escape(shown)}</span> {address}</span>'
    )

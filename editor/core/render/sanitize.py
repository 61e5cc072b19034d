"""The allow-list sanitizer every rendered block goes through (nh3, i.e. Rust's ammonia).

Posts come from other people's pull requests, and the blog allows raw HTML, so the rendered
HTML is untrusted. After rendering - and after every hook and highlighter - each block is
cleaned against an explicit allow-list of blog-content tags and attributes:

* no ``script``/``style``/``template``/``object``/``embed``/``form``/``meta``/``base``/``svg``
  (and their content where the content is not text a reader should see);
* no event handlers, no ``srcdoc``, no ``data-*`` from documents (except ``data-lang`` on
  ``code``, which Hugo's code blocks carry), no classes starting with ``pw-`` (the preview's
  own classes cannot be faked);
* URLs: ``http``, ``https``, ``mailto`` and relative; ``data:`` only for PNG, GIF, JPEG and
  WebP images; ``iframe`` only with an ``https`` source and always sandboxed;
* ``<input>`` only as a disabled checkbox (task lists);
* ``style`` only with harmless properties (alignment, colours, sizes, font style);
* every link gets ``rel="noopener noreferrer"``.

Whether remote images and embeds may *load* is decided afterwards by
:mod:`editor.core.render.remote`, which also replaces every ``iframe`` when remote content is
not allowed.
"""

from __future__ import annotations

import re
from functools import lru_cache

import nh3


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


ALLOWED_TAGS = _names(
    """a abbr article aside audio b bdi bdo blockquote br caption center cite code col colgroup
    dd del details dfn div dl dt em figcaption figure footer h1 h2 h3 h4 h5 h6 header hr i
    iframe img input ins kbd li mark ol p picture pre q rp rt ruby s samp section small source
    span strong sub summary sup table tbody td tfoot th thead time tr track u ul var video
    wbr"""
)

#: Removed together with everything inside them.
_REMOVED_WITH_CONTENT = _names(
    """script style template noscript textarea title xmp noembed noframes object select svg
    math frameset frame applet"""
)

_GLOBAL_ATTRIBUTES = _names(
    """id class title lang dir role style aria-label aria-labelledby aria-describedby
    aria-hidden"""
)

_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang", "name"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "source": frozenset({"src", "srcset", "type", "media", "sizes"}),
    "video": frozenset({"src", "poster", "controls", "width", "height", "loop", "muted"}),
    "audio": frozenset({"src", "controls", "loop", "muted"}),
    "track": frozenset({"src", "kind", "srclang", "label", "default"}),
    "iframe": frozenset({"src", "width", "height", "allowfullscreen", "loading"}),
    "td": frozenset({"colspan", "rowspan", "align"}),
    "th": frozenset({"colspan", "rowspan", "align", "scope", "abbr"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "details": frozenset({"open"}),
    "code": frozenset({"data-lang"}),
    "pre": frozenset({"tabindex"}),
    "input": frozenset({"checked"}),
    "time": frozenset({"datetime"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
}

_FORCED_ATTRIBUTES = {
    "input": {"type": "checkbox", "disabled": ""},
    "iframe": {"sandbox": "allow-scripts allow-same-origin allow-presentation allow-popups"},
}

_STYLE_PROPERTIES = _names(
    """text-align color background-color width height max-width min-width font-weight
    font-style text-decoration vertical-align"""
)

#: Old-IE script, resource loads and CSS escapes that could hide either.
_UNSAFE_STYLE = re.compile(r"expression|url\(|image-set|@import|\\", re.IGNORECASE)
_URL_SCHEMES = frozenset({"http", "https", "mailto", "data"})
_URL_ATTRIBUTES = frozenset({"href", "src", "poster", "cite"})
_IGNORED_IN_URLS = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_IMAGE_DATA_URL = re.compile(r"^data:image/(?:png|gif|jpeg|webp)[;,]", re.IGNORECASE)
_IMAGE_SOURCES = frozenset({("img", "src"), ("source", "src"), ("video", "poster")})


def sanitize_html(html: str) -> str:
    """``html`` reduced to the allow-list (results are cached)."""
    return _clean(html)


@lru_cache(maxsize=4096)
def _clean(html: str) -> str:
    cleaned = _cleaner().clean(html)
    return _INPUT_TAG.sub(_sorted_attributes, cleaned) if "<input" in cleaned else cleaned


#: nh3 writes the attributes it forces in hash order, which differs between processes; the
#: same block must give the same HTML (and block key) in every render process.
_INPUT_TAG = re.compile(r"<input((?:\s+[\w-]+(?:=\"[^\"]*\")?)*)\s*/?>")
_ATTRIBUTE = re.compile(r'([\w-]+)(?:="([^"]*)")?')


def _sorted_attributes(found: re.Match[str]) -> str:
    attributes = sorted(_ATTRIBUTE.findall(found.group(1)))
    return "<input" + "".join(f' {name}="{value}"' for name, value in attributes) + ">"


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(_REMOVED_WITH_CONTENT),
        attributes={"*": set(_GLOBAL_ATTRIBUTES)} | {k: set(v) for k, v in _ATTRIBUTES.items()},
        attribute_filter=_filter_attribute,
        strip_comments=True,
        link_rel="noopener noreferrer",
        set_tag_attribute_values=_FORCED_ATTRIBUTES,
        url_schemes=set(_URL_SCHEMES),
        filter_style_properties=set(_STYLE_PROPERTIES),
    )


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """ammonia's per-attribute hook: the value to keep, or None to drop the attribute."""
    if attribute in _URL_ATTRIBUTES:
        return value if is_allowed_url(tag, attribute, value) else None
    if attribute == "srcset":
        return value if _is_allowed_srcset(value) else None
    if attribute == "style":
        return None if _UNSAFE_STYLE.search(value) else value
    if attribute == "class":
        kept = [name for name in value.split() if not name.startswith("pw-")]
        return " ".join(kept) or None
    return value


def is_allowed_url(tag: str, attribute: str, value: str) -> bool:
    """Whether ``value`` may stay in ``tag``'s URL ``attribute``."""
    url = _IGNORED_IN_URLS.sub("", value).strip()
    scheme = _SCHEME.match(url)
    name = scheme.group(1).lower() if scheme else ""
    if tag == "iframe":
        return name == "https"
    if not name:
        return True
    if name == "data":
        return (tag, attribute) in _IMAGE_SOURCES and bool(_IMAGE_DATA_URL.match(url))
    return name in _URL_SCHEMES and (name != "mailto" or attribute == "href")


def _is_allowed_srcset(value: str) -> bool:
    candidates = [part.strip().split()[0] for part in value.split(",") if part.strip()]
    return bool(candidates) and all(
        not url.lower().startswith("data:") and is_allowed_url("source", "src", url)
        for url in candidates
    )

"""Which pull request or published article the user means.

A pull request is named by its address (``https://github.com/pnp/blog/pull/123``, also with
``/files`` or a ``#fragment`` after it) or as ``owner/repo#123``. A published article is
named by its address on the site; the site profile's ``published.addresses`` templates say
which addresses belong to it and where the post's name sits in them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from editor.core.profiles.model import Profile

_NAME = r"[A-Za-z0-9_.-]+"
_SHORT = re.compile(rf"^\s*(?P<owner>{_NAME})/(?P<repo>{_NAME})#(?P<number>\d+)\s*$")
_PULL_PATH = re.compile(rf"^/(?P<owner>{_NAME})/(?P<repo>{_NAME})/pulls?/(?P<number>\d+)(?:/.*)?$")
_PLACEHOLDER = re.compile(r"\{(folder|name|locale)\}")


@dataclass(frozen=True, slots=True)
class PullReference:
    """One pull request: ``owner/repo`` and its number."""

    owner: str
    repo: str
    number: int

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.repo}"

    @property
    def label(self) -> str:
        """``owner/repo#n``, as GitHub writes it."""
        return f"{self.owner}/{self.repo}#{self.number}"

    @property
    def folder_name(self) -> str:
        """The review workspace's folder name: ``owner-repo-n``."""
        return f"{self.owner}-{self.repo}-{self.number}"


def parse_pull_reference(text: str) -> PullReference | None:
    """The pull request ``text`` names (an address or ``owner/repo#n``), or None."""
    short = _SHORT.match(text)
    if short is not None:
        return _reference(short.group("owner"), short.group("repo"), short.group("number"))
    parts = urlsplit(text.strip())
    if parts.scheme not in ("https", "http") or not parts.netloc:
        return None
    found = _PULL_PATH.match(parts.path)
    if found is None:
        return None
    return _reference(found.group("owner"), found.group("repo"), found.group("number"))


def _reference(owner: str, repo: str, number: str) -> PullReference | None:
    if owner in (".", "..") or repo in (".", "..") or int(number) <= 0:
        return None
    return PullReference(owner, repo, int(number))


@dataclass(frozen=True, slots=True)
class ArticleAddress:
    """A published article: its site profile, its post name and its file in the repository.

    ``path`` is what the profile's layout gives; a site that lower-cases its addresses may
    keep the file with other letter case, so the repository is searched ignoring case.
    """

    profile: Profile
    stem: str
    path: str
    address: str


def _address_pattern(template: str) -> re.Pattern[str]:
    parts = urlsplit(template)
    pieces: list[str] = []
    last = 0
    path = parts.path.rstrip("/")
    for found in _PLACEHOLDER.finditer(path):
        pieces.append(re.escape(path[last : found.start()]))
        kind = found.group(1)
        pieces.append(
            "[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*" if kind == "locale" else "(?P<stem>.+?)"
        )
        last = found.end()
    pieces.append(re.escape(path[last:]))
    return re.compile("^" + "".join(pieces) + "/?$")


def parse_article_address(text: str, profiles: Iterable[Profile]) -> ArticleAddress | None:
    """The published article at address ``text``, by the first profile whose addresses fit."""
    parts = urlsplit(text.strip())
    if parts.scheme != "https" or not parts.netloc:
        return None
    path = unquote(parts.path)
    for profile in profiles:
        for template in profile.published.addresses:
            expected = urlsplit(template)
            if expected.netloc.lower() != parts.netloc.lower():
                continue
            found = _address_pattern(template).match(path)
            if found is None:
                continue
            stem = found.group("stem")
            if any(part in ("", ".", "..") for part in stem.split("/")) or "\\" in stem:
                continue
            repo_path = PurePosixPath(profile.post_file(stem)).as_posix()
            return ArticleAddress(profile, stem, repo_path, text.strip())
    return None


def stem_of_path(profile: Profile, path: str) -> str | None:
    """The post name of repository path ``path`` in ``profile``'s layout, or None."""
    stem = profile.post_name(PurePosixPath(path))
    if stem is None or PurePosixPath(profile.post_file(stem)).as_posix() != path:
        return None
    return stem


def article_address_for(profile: Profile, path: str) -> ArticleAddress | None:
    """The published address of the post at repository path ``path`` (first template; the
    ``{locale}`` of a multilingual site is ``en-us``), or None when the site names none."""
    stem = stem_of_path(profile, path)
    if stem is None or not profile.published.addresses:
        return None
    template = profile.published.addresses[0]
    address = template.replace("{folder}", stem.lower() if "{folder}" in template else stem)
    address = address.replace("{name}", stem).replace("{locale}", "en-us")
    return ArticleAddress(profile, stem, path, address)

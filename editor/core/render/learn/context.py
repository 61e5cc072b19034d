"""Per-render state of the Learn extensions, kept in markdown-it's ``env``."""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it.utils import EnvType

from editor.core.source_files import SourceFiles, join_repository_path

_KEY = "learn"


@dataclass(slots=True)
class LearnContext:
    """What one render knows: the repository's files and where the document is in it."""

    source_files: SourceFiles | None = None
    document_path: str = ""
    #: Repository files the library does not hold: path → what it is.
    repository_files: dict[str, str] = field(default_factory=dict)
    #: > 0 while the text of an include file is being parsed (includes may not nest).
    include_depth: int = 0
    #: > 0 while the content of a ``:::`` container is being parsed.
    container_depth: int = 0
    #: Element ids given out so far (ids are unique within the page).
    ids: set[str] = field(default_factory=set)

    def unique_id(self, base: str) -> str:
        """``base``, or ``base-2``, ``base-3``, … if the page already has it."""
        candidate, number = base, 1
        while candidate in self.ids:
            number += 1
            candidate = f"{base}-{number}"
        self.ids.add(candidate)
        return candidate

    def repository_path(self, target: str) -> str | None:
        """The repository path ``target`` (relative to the document) names, or None."""
        return join_repository_path(self.document_path, target)


def new_env(
    source_files: SourceFiles | None,
    document_path: str,
    repository_files: tuple[tuple[str, str], ...] = (),
) -> EnvType:
    """A markdown-it ``env`` for one render."""
    return {_KEY: LearnContext(source_files, document_path, dict(repository_files))}


def context(env: EnvType) -> LearnContext:
    """The render's context (a fresh one when the caller gave a plain ``env``)."""
    found = env.get(_KEY)
    if not isinstance(found, LearnContext):
        found = LearnContext()
        env[_KEY] = found
    return found

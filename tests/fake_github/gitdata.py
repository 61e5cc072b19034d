"""Git objects as GitHub stores them: content-addressed blobs, trees and commits.

Written independently of the app's own blob hashing so that the tests check one against the
other. SHAs are real git SHA-1s, so identical content always gives identical objects.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

TREE_MODE = "040000"


def object_sha(kind: str, payload: bytes) -> str:
    return hashlib.sha1(f"{kind} {len(payload)}\0".encode() + payload).hexdigest()


@dataclass(frozen=True)
class TreeEntry:
    name: str
    mode: str
    kind: str  # "blob" | "tree"
    sha: str


@dataclass(frozen=True)
class Commit:
    sha: str
    tree: str
    parents: tuple[str, ...]
    message: str
    author_name: str
    author_email: str
    date: str


@dataclass
class ObjectStore:
    blobs: dict[str, bytes] = field(default_factory=dict)
    trees: dict[str, tuple[TreeEntry, ...]] = field(default_factory=dict)
    commits: dict[str, Commit] = field(default_factory=dict)

    def put_blob(self, data: bytes) -> str:
        sha = object_sha("blob", data)
        self.blobs[sha] = data
        return sha

    def put_tree(self, entries: list[TreeEntry]) -> str:
        def sort_key(entry: TreeEntry) -> bytes:
            return (entry.name + ("/" if entry.kind == "tree" else "")).encode()

        ordered = tuple(sorted(entries, key=sort_key))
        payload = b"".join(
            f"{e.mode.lstrip('0') if e.kind == 'tree' else e.mode} {e.name}\0".encode()
            + bytes.fromhex(e.sha)
            for e in ordered
        )
        sha = object_sha("tree", payload)
        self.trees[sha] = ordered
        return sha

    def put_commit(
        self,
        tree: str,
        parents: list[str],
        message: str,
        *,
        author_name: str = "Fake User",
        author_email: str = "fake@example.invalid",
        date: str = "2026-01-01T00:00:00Z",
    ) -> str:
        stamp = "1767225600 +0000"
        lines = [f"tree {tree}", *(f"parent {p}" for p in parents)]
        lines.append(f"author {author_name} <{author_email}> {stamp}")
        lines.append(f"committer {author_name} <{author_email}> {stamp}")
        payload = ("\n".join(lines) + "\n\n" + message).encode()
        sha = object_sha("commit", payload)
        self.commits[sha] = Commit(
            sha, tree, tuple(parents), message, author_name, author_email, date
        )
        return sha

    # --- flat views ----------------------------------------------------------------------------

    def flatten(self, tree_sha: str, prefix: str = "") -> dict[str, tuple[str, str]]:
        """path -> (mode, blob sha) of every file under a tree."""
        files: dict[str, tuple[str, str]] = {}
        for entry in self.trees[tree_sha]:
            path = prefix + entry.name
            if entry.kind == "tree":
                files.update(self.flatten(entry.sha, path + "/"))
            else:
                files[path] = (entry.mode, entry.sha)
        return files

    def build_tree(self, files: dict[str, tuple[str, str]]) -> str:
        """The root tree SHA of a flat path -> (mode, blob sha) mapping."""
        direct: list[TreeEntry] = []
        subdirs: dict[str, dict[str, tuple[str, str]]] = {}
        for path, (mode, sha) in files.items():
            head, sep, rest = path.partition("/")
            if sep:
                subdirs.setdefault(head, {})[rest] = (mode, sha)
            else:
                direct.append(TreeEntry(head, mode, "blob", sha))
        for name, content in subdirs.items():
            direct.append(TreeEntry(name, TREE_MODE, "tree", self.build_tree(content)))
        return self.put_tree(direct)

    def walk(self, tree_sha: str, prefix: str = "") -> list[tuple[str, TreeEntry]]:
        """(path, entry) for every entry, trees included, depth first."""
        found: list[tuple[str, TreeEntry]] = []
        for entry in self.trees[tree_sha]:
            path = prefix + entry.name
            found.append((path, entry))
            if entry.kind == "tree":
                found.extend(self.walk(entry.sha, path + "/"))
        return found

    def files(self, commit_sha: str) -> dict[str, bytes]:
        """path -> content of every file in a commit."""
        tree = self.commits[commit_sha].tree
        return {path: self.blobs[sha] for path, (_mode, sha) in self.flatten(tree).items()}

    def is_ancestor(self, ancestor: str, descendant: str) -> bool:
        seen: set[str] = set()
        todo = [descendant]
        while todo:
            sha = todo.pop()
            if sha == ancestor:
                return True
            if sha in seen or sha not in self.commits:
                continue
            seen.add(sha)
            todo.extend(self.commits[sha].parents)
        return False

"""The publish state of each post, kept in the app's data folder (decision 0008).

One small JSON file per post under ``<data dir>/publish/``, named by a hash of the post's
absolute path and holding that path too. Nothing is written beside the post, so the post's
folder stays exactly what goes to the repository.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from editor.core.publish.state import PublishState
from editor.services.paths import AppPaths
from editor.services.storage import atomic_write_bytes

FOLDER_NAME = "publish"


class PublishStateStore:
    """Reads and writes the publish state of posts."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def for_app(cls, paths: AppPaths) -> PublishStateStore:
        return cls(paths.data_dir / FOLDER_NAME)

    def _file(self, post: Path) -> Path:
        key = hashlib.sha256(str(post.resolve()).encode("utf-8")).hexdigest()[:32]
        return self.folder / f"{key}.json"

    def load(self, post: Path) -> PublishState:
        """The state stored for ``post``; an empty one when there is none or it is unreadable
        (publishing then finds the fork, branch and pull request again on GitHub)."""
        try:
            data = json.loads(self._file(post).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return PublishState()
        if not isinstance(data, dict) or data.get("post") != str(post.resolve()):
            return PublishState()
        return PublishState.from_json(data.get("state"))

    def save(self, post: Path, state: PublishState) -> None:
        """Store ``state`` for ``post`` (atomically; raises ``StorageError``)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        payload = {"post": str(post.resolve()), "state": state.to_json()}
        text = json.dumps(payload, indent=2, sort_keys=True) + "\n"
        atomic_write_bytes(self._file(post), text.encode("utf-8"), mode=0o600)

    def move(self, old: Path, new: Path) -> None:
        """Keep a post's state when the post is renamed or moved."""
        state = self.load(old)
        if not state.is_empty:
            self.save(new, state)
            self._file(old).unlink(missing_ok=True)

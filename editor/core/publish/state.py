"""What was published for a post: stored with the post so that publishing again updates the
same branch and pull request (decision 0008)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

STATE_VERSION = 1


@dataclass(frozen=True, slots=True)
class PublishState:
    """Where a post went on GitHub. Empty strings / zero mean "not yet"."""

    server: str = ""  # the API base URL the post was published through
    upstream: str = ""  # "owner/name" of the site's repository
    base_branch: str = ""
    fork: str = ""  # "owner/name" of the user's fork
    branch: str = ""
    pull_number: int = 0
    pull_url: str = ""
    last_commit: str = ""  # the commit the last publish put on the branch
    published_at: str = ""  # ISO 8601, UTC
    #: Blobs sent by a publish that has not finished yet (not sent again when it resumes).
    uploaded: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.fork or self.branch or self.pull_number)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["uploaded"] = list(self.uploaded)
        return {"version": STATE_VERSION, **data}

    @classmethod
    def from_json(cls, data: object) -> PublishState:
        """The state read back; unknown keys are ignored, wrong types give an empty state."""
        if not isinstance(data, dict):
            return cls()
        known = {f.name: f.type for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                continue
            if key == "uploaded":
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    return cls()
                values[key] = tuple(value)
                continue
            wanted = int if key == "pull_number" else str
            if type(value) is not wanted:
                return cls()
            values[key] = value
        return cls(**values)

    def but(self, **changes: Any) -> PublishState:
        """A copy with ``changes``."""
        return replace(self, **changes)

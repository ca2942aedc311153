"""Keyset pagination cursors: opaque to clients, so page 1,000 costs what page 1 costs.

A cursor holds the sort it was made for and the sort key of the last row of its page.
"""

import base64
import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shared.problems import ValidationFailed


@dataclass(frozen=True)
class Cursor:
    sort: str
    key: tuple[Any, ...]

    def encode(self) -> str:
        values = [
            v.isoformat() if isinstance(v, datetime) else str(v) if isinstance(v, uuid.UUID) else v
            for v in self.key
        ]
        raw = json.dumps({"s": self.sort, "k": values}, separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, value: str, sort: str, kinds: tuple[type, ...]) -> "Cursor":
        """Parse a cursor for ``sort`` whose key has values of ``kinds`` (int, datetime, uuid.UUID)."""
        try:
            padded = value + "=" * (-len(value) % 4)
            data = json.loads(base64.urlsafe_b64decode(padded.encode()))
            if data["s"] != sort:
                raise ValueError("made for another sort")
            raw = data["k"]
            if len(raw) != len(kinds):
                raise ValueError("wrong key length")
            key = tuple(_parse(kind, item) for kind, item in zip(kinds, raw, strict=True))
            return cls(sort=sort, key=key)
        except (ValueError, KeyError, TypeError) as exc:
            raise ValidationFailed.one(
                "cursor", "is not a cursor this list gave out (for this sort); start again without it"
            ) from exc


def _parse(kind: type, value: Any) -> Any:
    if kind is datetime:
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            raise ValueError("naive time")
        return parsed
    if kind is uuid.UUID:
        return uuid.UUID(value)
    if kind is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ValueError(f"bad {kind.__name__}")

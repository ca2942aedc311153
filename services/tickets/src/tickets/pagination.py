"""Keyset pagination cursors: opaque to clients, so page 1,000 costs what page 1 costs."""

import base64
import json
import uuid
from dataclasses import dataclass
from datetime import datetime

from shared.problems import ValidationFailed


@dataclass(frozen=True)
class Cursor:
    created_at: datetime
    id: uuid.UUID

    def encode(self) -> str:
        raw = json.dumps({"c": self.created_at.isoformat(), "i": str(self.id)})
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, value: str) -> "Cursor":
        try:
            padded = value + "=" * (-len(value) % 4)
            data = json.loads(base64.urlsafe_b64decode(padded.encode()))
            return cls(created_at=datetime.fromisoformat(data["c"]), id=uuid.UUID(data["i"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValidationFailed.one(
                "cursor", "is not a cursor this API gave out; start again without it"
            ) from exc

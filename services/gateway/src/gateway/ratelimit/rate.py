"""A rate as people write it in settings: ``10/minute``, ``60/hour``, ``5/30s``."""

import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator
from pydantic_settings import NoDecode

_UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_PATTERN = re.compile(r"^\s*(\d+)\s*/\s*(?:(\d+)\s*s|(second|minute|hour|day)s?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        match = _PATTERN.match(value)
        if match is None or int(match[1]) < 1 or (match[2] is not None and int(match[2]) < 1):
            raise ValueError(f"{value!r} is not a rate such as '10/minute', '60/hour' or '5/30s'")
        seconds = int(match[2]) if match[2] else _UNITS[match[3].lower()]
        return cls(int(match[1]), seconds)

    def __str__(self) -> str:
        return f"{self.count}/{self.seconds}s"


# NoDecode: the environment holds "10/minute", not JSON.
RateSetting = Annotated[Rate, NoDecode, BeforeValidator(Rate.parse)]

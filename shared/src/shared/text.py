"""Text that can be stored: PostgreSQL refuses NUL characters and Python cannot encode unpaired
surrogates (both arrive through perfectly valid JSON escapes). Refuse them as bad input, not as a 500."""

from typing import Annotated

from pydantic import AfterValidator


def storable(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL (\\u0000) characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("contains invalid Unicode (an unpaired surrogate)") from None
    return value


StorableStr = Annotated[str, AfterValidator(storable)]

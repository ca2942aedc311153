"""Which new passwords we accept: long enough (the schema checks that) and not common or guessable.

zxcvbn matches the password against its frequency lists (the 30,000 most common passwords, English
words, names), with l33t substitutions, keyboard walks, repeats, sequences and dates, and against the
account's own email and username. A score below 2 (fewer than about a million guesses) is refused.
"""

import asyncio

from zxcvbn import zxcvbn  # type: ignore[import-untyped]

from shared.problems import ValidationFailed

MIN_SCORE = 2
# zxcvbn's own limit; the rest of a longer password only adds strength.
CHECKED_LENGTH = 72
SITE_WORDS = ("revenge", "support", "revengesupport", "helpdesk")


def _weakness(password: str, user_inputs: list[str]) -> str | None:
    result = zxcvbn(password[:CHECKED_LENGTH], user_inputs=user_inputs)
    if result["score"] >= MIN_SCORE:
        return None
    warning = str(result["feedback"].get("warning") or "").rstrip(".")
    reason = f" ({warning.lower()})" if warning else ""
    return f"is too common or too easy to guess{reason}; try a few unrelated words"


async def check_password(password: str, *, email: str, username: str, field: str = "password") -> None:
    """Raise a 422 naming ``field`` when ``password`` is common or built from the account's own names."""
    local = email.partition("@")[0]
    inputs = [email, local, username, *SITE_WORDS]
    problem = await asyncio.to_thread(_weakness, password, inputs)
    if problem is not None:
        raise ValidationFailed.one(field, problem, "weak_password")

"""What may be attached: PNG and JPEG screenshots, text logs. Checked by name *and* by content, so a
"screenshot.png" that is really an HTML page is refused; filenames are made safe to show and serve."""

import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath

from shared.problems import ValidationFailed

FIELD = "files"
MAX_NAME = 200


@dataclass(frozen=True)
class Kind:
    mime: str
    label: str
    inline: bool  # images are shown in the page; everything else downloads


KINDS = {
    ".png": Kind("image/png", "a PNG image", inline=True),
    ".jpg": Kind("image/jpeg", "a JPEG image", inline=True),
    ".jpeg": Kind("image/jpeg", "a JPEG image", inline=True),
    ".log": Kind("text/plain; charset=utf-8", "a text file", inline=False),
    ".txt": Kind("text/plain; charset=utf-8", "a text file", inline=False),
}
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean_filename(raw: str | None) -> str:
    """No directories, no control characters, no leading dots, at most 200 characters."""
    name = unicodedata.normalize("NFC", raw or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = CONTROL.sub("", name)
    name = re.sub(r"\s+", " ", name).strip().lstrip(".").strip()
    name = name.replace('"', "'")
    suffix = PurePosixPath(name).suffix.lower()
    if len(name) > MAX_NAME:
        stem = name[: MAX_NAME - len(suffix)].rstrip()
        name = stem + suffix
    return name or "attachment"


def kind_of(filename: str) -> Kind:
    suffix = PurePosixPath(filename).suffix.lower()
    kind = KINDS.get(suffix)
    if kind is None:
        raise ValidationFailed.one(
            FIELD,
            f"{filename!r}: only .png, .jpg, .jpeg, .log and .txt files can be attached",
            "file_type",
        )
    return kind


def check_content(filename: str, kind: Kind, head: bytes) -> None:
    """``head`` is the start of the file (a few KB)."""
    if not head:
        raise ValidationFailed.one(FIELD, f"{filename!r} is empty", "file_empty")
    if kind.mime == "image/png":
        ok = head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR"
    elif kind.mime == "image/jpeg":
        ok = head.startswith(b"\xff\xd8\xff")
    else:
        ok = _looks_like_text(head)
    if not ok:
        raise ValidationFailed.one(
            FIELD, f"{filename!r} does not contain {kind.label}, whatever its name says", "file_content"
        )


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character may be cut at the end of the sample; anything earlier is binary.
        return exc.start >= len(head) - 3
    return True

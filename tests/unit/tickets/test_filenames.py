"""Attachment names as stored and served: no directories, no control characters, nothing that breaks
the Content-Disposition header."""

import pytest

from tickets.attachment.validation import clean_filename


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\jo\\crash.log", "crash.log"),
        ("bad\x00\x1b[31mname.txt", "bad[31mname.txt"),
        ("line\r\nbreak.txt", "linebreak.txt"),
        ('quote"d.txt', "quote'd.txt"),
        ("  ...hidden.txt  ", "hidden.txt"),
        ("", "attachment"),
        ("/", "attachment"),
        ("e\u0301t\u00e9.log", "\u00e9t\u00e9.log"),
        ("x" * 300 + ".jpeg", "x" * 195 + ".jpeg"),
    ],
)
def test_clean_filename(sent: str, kept: str) -> None:
    assert clean_filename(sent) == kept

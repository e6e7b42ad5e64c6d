"""Keep control characters and escape sequences from a file out of the terminal."""

from __future__ import annotations

import re

# C0 and C1 control characters except tab and newline: the characters a terminal obeys.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What is never shown raw: the controls above, and the zero-width and bidirectional marks
# that hide or reorder text on screen.
_UNSHOWN_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Show invisible and control characters as visible escapes (\\x1b), never raw."""
    return _UNSHOWN_RE.sub(
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )

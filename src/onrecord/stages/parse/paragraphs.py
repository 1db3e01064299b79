"""Paragraphs and lines of an article's text, by character offset."""

from __future__ import annotations

import bisect
import re

# A paragraph starts after a line break and the white space after it: blank lines (and
# lines of spaces) make no paragraph of their own.
_PARAGRAPH_BREAK = re.compile(r"\n\s*")


class Paragraphs:
    """The article's lines and paragraphs, by character offset, in logarithmic time.

    A *line* is the stretch between two line breaks (what a quotation, a transcript turn or
    an attribution frame may not run past); a paragraph's *index* counts the runs of line
    breaks before it, blank lines and lines of spaces included in the run."""

    def __init__(self, text: str) -> None:
        self._length = len(text)
        self._newlines = [m.start() for m in re.finditer("\n", text)]
        self.starts = [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]

    def line_start(self, offset: int) -> int:
        """Where the line holding ``offset`` starts (just after the line break before it)."""
        k = bisect.bisect_left(self._newlines, offset)
        return self._newlines[k - 1] + 1 if k > 0 else 0

    def line_end(self, offset: int) -> int:
        """Where the line holding ``offset`` ends (at its line break, or the end of the text)."""
        k = bisect.bisect_left(self._newlines, offset)
        return self._newlines[k] if k < len(self._newlines) else self._length

    def index(self, offset: int) -> int:
        """The paragraph number of ``offset`` (0 is the headline's)."""
        return bisect.bisect_right(self.starts, offset) - 1

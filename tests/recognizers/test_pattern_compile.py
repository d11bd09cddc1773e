"""recognizers.base._compile_pattern: a recognizer's pattern is compiled once (the compile that
Presidio's Pattern made to validate it) where MULTILINE cannot change its matches."""

import regex as re

from recognizers.base import _compile_pattern

TEXT = "ab 12\ncd 34\n56 ef\n"


def test_anchored_patterns_keep_multiline() -> None:
    for pattern in (r"^\d+", r"\d+$", r"(?:^|\s)[a-z]+"):
        ours = _compile_pattern(pattern, re.MULTILINE)
        assert ours.flags & re.MULTILINE
        assert [m.span() for m in ours.finditer(TEXT)] == [
            m.span() for m in re.compile(pattern, flags=re.MULTILINE).finditer(TEXT)
        ]


def test_unanchored_patterns_reuse_the_validation_compile_with_the_same_matches() -> None:
    for pattern in (r"\d+", r"[a-z]{2}\s\d", r"(?<=\n)\d+"):
        validated = re.compile(pattern)  # what presidio_analyzer.Pattern does
        ours = _compile_pattern(pattern, re.MULTILINE)
        assert ours is validated
        assert [m.span() for m in ours.finditer(TEXT)] == [
            m.span() for m in re.compile(pattern, flags=re.MULTILINE).finditer(TEXT)
        ]

"""The synthetic document and its ground truth."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class SynthEntity:
    """A span of a page's text: personal data (in ``entities``) or a value to keep (in ``keep``).

    ``start``/``end`` are character offsets into the page text; ``origin`` is the name-origin
    group for PERSON, else None.
    """

    type: str
    start: int
    end: int
    text: str
    origin: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "origin": self.origin,
        }


@dataclass
class SynthDoc:
    """A generated document: page texts (lines joined by ``\\n``) with their ground truth.

    ``entities[i]`` and ``keep[i]`` hold the spans of page ``i``. The extra fields drive the
    renderer: ``styles[i][j]`` is the style of line ``j`` of page ``i`` (see
    :data:`masking.synth.layout.STYLES`); ``metadata`` goes into the PDF's document information,
    ``outline`` into its bookmarks, and ``metadata_values`` lists the personal values placed there.
    """

    id: str
    kind: str
    pages: list[str]
    entities: list[list[SynthEntity]]
    keep: list[list[SynthEntity]]
    styles: list[list[str]] = field(default_factory=list)
    seed: int = 0
    name_split: str = "train"
    metadata: dict[str, str] = field(default_factory=dict)
    outline: list[tuple[int, str, int]] = field(default_factory=list)
    metadata_values: list[str] = field(default_factory=list)

    def truth(self) -> dict[str, Any]:
        """The ground truth as written to ``NAME.truth.json``."""
        return {
            "id": self.id,
            "kind": self.kind,
            "seed": self.seed,
            "name_split": self.name_split,
            "pages": [
                {
                    "text": text,
                    "entities": [e.to_dict() for e in self.entities[i]],
                    "keep": [k.to_dict() for k in self.keep[i]],
                }
                for i, text in enumerate(self.pages)
            ],
            "metadata_values": list(self.metadata_values),
        }

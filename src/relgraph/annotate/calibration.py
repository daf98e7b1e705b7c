"""What a drafted confidence has been worth: the reliability table measured on the dev set.

``bench/calibrate.py`` drafts the development pages, judges each suggestion
against their gold annotation and writes ``calibration.json`` beside this module:
per kind (roles, claims) and confidence band, how many suggestions were right,
and the "accept all" threshold per kind (the lowest confidence whose suggestions
at or above it were right often enough, or none). The page shows each
suggestion's band ("dev: 1 of 21 right") and takes its accept-all thresholds from
here, so the number a reviewer acts on is a measured one. Every figure is dev.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Band:
    low: float
    high: float
    right: dict[str, tuple[int, int]]  # kind -> (right, drafted)


@dataclass(frozen=True)
class Calibration:
    set: str
    drafter: str
    target: float
    accept_above: dict[str, float | None]
    bands: tuple[Band, ...]

    def band(self, kind: str, confidence: float) -> dict[str, Any] | None:
        """How the suggestions of this kind in this confidence's band fared (None: no data)."""
        for b in self.bands:
            last = b is self.bands[-1]
            if b.low <= confidence < b.high or (last and confidence == b.high):
                right, drafted = b.right.get(kind, (0, 0))
                if not drafted:
                    return None
                return {"right": right, "drafted": drafted, "band": f"{b.low:.1f}–{b.high:.1f}"}
        return None

    def as_json(self) -> dict[str, Any]:
        return {
            "set": self.set,
            "drafter": self.drafter,
            "target": self.target,
            "accept_above": self.accept_above,
        }


@cache
def load() -> Calibration:
    data = json.loads(
        resources.files("relgraph.annotate").joinpath("calibration.json").read_text("utf-8")
    )
    bands = tuple(
        Band(
            float(b["from"]),
            float(b["to"]),
            {k: (int(v[0]), int(v[1])) for k, v in b.items() if k not in ("from", "to")},
        )
        for b in data["bands"]
    )
    return Calibration(
        str(data["set"]),
        str(data["drafter"]),
        float(data["target"]),
        {k: (float(v) if v is not None else None) for k, v in data["accept_above"].items()},
        bands,
    )

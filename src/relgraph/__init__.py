"""relgraph: a knowledge graph of Russia–DPRK relations built from annotated news articles."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]

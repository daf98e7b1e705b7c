"""Reviewing drafts: what ``relgraph annotate`` computes, independent of the browser."""

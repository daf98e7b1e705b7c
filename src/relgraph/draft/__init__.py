"""Drafting: suggestions for an article from a saved news page."""

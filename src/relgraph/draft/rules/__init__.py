"""The rule-based recommender: sentences read through tags and chunks, then rules over that
structure and the ontology's constraints. Only ``relgraph.draft``'s registry of recommenders
imports it, when it is chosen.
"""

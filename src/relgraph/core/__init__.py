"""The core: errors, the domain model, dates and terminal output.

It imports nothing else from relgraph, so every other package may import it.
"""

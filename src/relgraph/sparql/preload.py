"""Imported first by the query workers' fork server when serving from memory.

Importing it loads the store (see :mod:`relgraph.sparql.resident`); nothing
else imports it.
"""

from relgraph.sparql import resident

resident.load_from_environment()

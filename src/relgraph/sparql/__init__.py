"""SPARQL: the named query library, safe parameter binding, guarded execution, output."""

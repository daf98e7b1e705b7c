"""The network projection of the graph (networkx) and its analytics."""

"""actorgraph.viz: the interactive network view (pyvis) and network analytics (networkx)."""

from actorgraph.viz.analytics import build_graph, centrality, communities, top_brokers
from actorgraph.viz.network import write_network
from actorgraph.viz.week import network_for_week

__all__ = [
    "build_graph",
    "centrality",
    "communities",
    "network_for_week",
    "top_brokers",
    "write_network",
]

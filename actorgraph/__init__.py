"""actorgraph: news feeds to a graph of actors and interactions, with weekly diff reports."""

__version__ = "0.1.0"

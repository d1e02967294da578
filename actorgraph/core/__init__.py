"""The core layer under every stage: shared records, closed vocabularies, the one merge rule,
and the knowledge base (countries, titles, places; one folder of data files per language)."""

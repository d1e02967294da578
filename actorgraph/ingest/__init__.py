"""actorgraph.ingest"""

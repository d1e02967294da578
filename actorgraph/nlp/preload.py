"""Imported once by the extraction workers' fork server: loads the pipeline of the configured
model there, so every worker forked from it starts with the model already in memory."""

from actorgraph.nlp.workers import preload_pipeline

preload_pipeline()

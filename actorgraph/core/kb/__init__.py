"""The knowledge base: countries (ISO 3166), titles, exercises, places and word lists, read from
data files (``en/`` holds the English ones)."""

"""Corpus conversion, training and packaging of claimgraph's own English spaCy pipeline."""

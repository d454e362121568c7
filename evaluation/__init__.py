"""Measuring the extractor on real annotated articles, by cross-validation over articles.

Kept outside `parley/`: it drives the product as a user does (the `parley` command) and scores
the warehouse with the shared scorer, so it measures what ships, not an in-process shortcut.
"""

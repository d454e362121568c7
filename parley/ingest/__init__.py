"""Files to articles: read every input file into an article or a reject with its reason."""

"""Parse: the spaCy pipeline (``language``) and what the later stages read of a parsed article."""

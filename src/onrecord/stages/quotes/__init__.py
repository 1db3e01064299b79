"""Find quotes: pair the quotation marks (``marks``) and tell speech from titles and fragments (``speech``)."""

"""The stages a source file goes through, in order, each a plain function over one document:

discover → read → decode → page (html) → clean (repair, blocks) → extract → script → validate.

``zharchive.pipeline`` runs them over a batch; ``audit`` holds the records of what cleaning removed
and repaired, line by line.
"""

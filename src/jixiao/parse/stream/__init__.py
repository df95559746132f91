"""The stream recogniser: real published tables in whatever rendering they arrive in.

What survives every rendering of a table is the order of its cells and the vocabulary in them, so
the text is normalised (繁→简, full-width, odd operators; each repair noted), cut into a cell stream by
the strongest separator present, and the cells are assembled into projects by the domain's vocabulary
(category names, column labels, header fields) and a column template aligned cell by cell
(:mod:`jixiao.parse.stream.align`). See ``shared/recognition.md`` and docs/parsing.md.
"""

from jixiao.parse.stream.recognise import recognise_source, recognise_text

__all__ = ["recognise_source", "recognise_text"]

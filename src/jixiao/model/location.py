"""Where a piece of text came from: file, page/sheet, line/row, column and character span."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(slots=True, unsafe_hash=True)
class Location:
    """Provenance of a parsed value. Every field but ``source`` is optional.

    Treated as immutable (hashable, compared by value, shared between objects) but not declared
    ``frozen``: a frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``,
    four times slower, and a parsed table makes one Location per cell, goal and indicator (80,000
    for a 5,000-project table). Never assign to a field; make a new Location."""

    source: str = ""
    line: int | None = None
    column: int | None = None
    span: tuple[int, int] | None = None
    page: int | None = None
    sheet: str | None = None
    row: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"source": self.source}
        if self.line is not None:  # written out, not looped over: one per indicator in a JSON output
            out["line"] = self.line
        if self.column is not None:
            out["column"] = self.column
        if self.page is not None:
            out["page"] = self.page
        if self.sheet is not None:
            out["sheet"] = self.sheet
        if self.row is not None:
            out["row"] = self.row
        span = self.span
        if span is not None:
            out["span"] = [span[0], span[1]]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Location | None:
        if data is None:
            return None
        span = data.get("span")
        return cls(
            source=str(data.get("source", "")),
            line=data.get("line"),
            column=data.get("column"),
            span=(int(span[0]), int(span[1])) if span else None,
            page=data.get("page"),
            sheet=data.get("sheet"),
            row=data.get("row"),
        )

    def describe(self) -> str:
        """Short human-readable form, e.g. ``menyuan-2023.txt:7``."""
        parts = [self.source or "<input>"]
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.page is not None:
            parts.append(f"p.{self.page}")
        if self.line is not None:
            parts.append(str(self.line))
        elif self.row is not None:
            parts.append(f"row {self.row}")
        return ":".join(parts)

"""Where a piece of text came from: file, page/sheet, line/row, column and character span."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Location:
    """Provenance of a parsed value. Every field but ``source`` is optional."""

    source: str = ""
    line: int | None = None
    column: int | None = None
    span: tuple[int, int] | None = None
    page: int | None = None
    sheet: str | None = None
    row: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"source": self.source}
        # spelled out, not a getattr loop: written once per finding and indicator of a large document
        if self.line is not None:
            out["line"] = self.line
        if self.column is not None:
            out["column"] = self.column
        if self.page is not None:
            out["page"] = self.page
        if self.sheet is not None:
            out["sheet"] = self.sheet
        if self.row is not None:
            out["row"] = self.row
        if self.span is not None:
            out["span"] = [self.span[0], self.span[1]]
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

"""Pure domain model (stdlib only)."""

from jixiao.model.document import (
    NO_OPERATOR,
    OPERATORS,
    Commitment,
    Document,
    Goal,
    Indicator,
    IndicatorValue,
    Project,
    Unit,
    Unparsed,
    ValueKind,
)
from jixiao.model.location import Location
from jixiao.model.taxonomy import Framework

__all__ = [
    "NO_OPERATOR",
    "OPERATORS",
    "Commitment",
    "Document",
    "Framework",
    "Goal",
    "Indicator",
    "IndicatorValue",
    "Location",
    "Project",
    "Unit",
    "Unparsed",
    "ValueKind",
]

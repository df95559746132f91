"""Bounded request parameters: every integer the API or a page accepts, and every text field.

Integers beyond what the database holds (PostgreSQL ``integer``; SQLite overflows at 2**63) used
to reach the query and answer 500; now they answer 422 before any query runs. Text fields go
through :mod:`jixiao.store.text_rules` (lone surrogates and NUL refused, length capped, invisible
formatting characters removed).
"""

from __future__ import annotations

from typing import Annotated

from annotated_types import Ge, Le
from fastapi import Query
from pydantic import AfterValidator

from jixiao.store import text_rules

#: the largest value of a PostgreSQL ``integer`` column (ids, years)
MAX_INT = 2**31 - 1
#: row ids in paths and filters (a missing id answers 404 as before)
Id = Annotated[int, Ge(0), Le(MAX_INT)]
OptId = Annotated[int | None, Ge(0), Le(MAX_INT)]
Year = Annotated[int | None, Ge(0), Le(9999)]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=MAX_INT)]
PageNo = Annotated[int, Query(alias="page", ge=1, le=100_000)]

#: names, values, units, goals, comments: at most 10,000 characters
Text = Annotated[str, AfterValidator(text_rules.clean)]
Username = Annotated[str, AfterValidator(text_rules.username)]
Password = Annotated[str, AfterValidator(text_rules.password)]

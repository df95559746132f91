"""Self-evaluation scoring (财预〔2020〕10号 and local profiles): pure functions that show their working.

``score_indicator`` (one row), ``score_budget`` (预算执行率), ``score_project`` (rows, total, grade),
``score_document`` (JSON-able, what ``jixiao score`` prints); profiles in :mod:`.profiles`.
"""

from jixiao.review.scoring.budget import BudgetScore, score_budget
from jixiao.review.scoring.indicator import IndicatorScore, score_band, score_indicator
from jixiao.review.scoring.profiles import PROFILES, Band, Profile, ProfileError, get_profile
from jixiao.review.scoring.project import DEFAULT_TOLERANCE, ProjectScore, Row, score_document, score_project

__all__ = [
    "DEFAULT_TOLERANCE", "PROFILES", "Band", "BudgetScore", "IndicatorScore", "Profile", "ProfileError",
    "ProjectScore", "Row", "get_profile", "score_band", "score_budget", "score_document", "score_indicator",
    "score_project",
]

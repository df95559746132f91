"""jixiao (绩效): budget performance targets as typed, reviewable, publishable data."""

__version__ = "0.1.0"

"""Suite-wide settings.

Hypothesis: under CI (``CI`` set, as ``.ci/run`` is run) examples are derandomised, so a landing is
never decided by which random inputs one run happened to draw; local runs explore new inputs each
time (``HYPOTHESIS_PROFILE=ci`` or ``=dev`` picks either explicitly).
"""

import gc
import os
from collections.abc import Iterator

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

# Tests expect the default language (Chinese) unless they choose another themselves.
os.environ.pop("JIXIAO_LANG", None)


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    """``parse`` and ``check`` turn the cyclic garbage collector off for the rest of their one-shot
    process (``jixiao.cli.gc_tuning``); run in-process by CliRunner, that would outlive the test."""
    was_enabled = gc.isenabled()
    yield
    if was_enabled:
        gc.enable()

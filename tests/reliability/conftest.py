"""Fuzzing budgets: `fast` in make test, `soak` in make soak, chosen by FUZZ_PROFILE.

The Hypothesis profiles drive the form fuzzing (tests/reliability/test_form_fuzz.py); the API
fuzzing (test_api_fuzz.py) reads its examples per operation from the same profile name. The
fast profile is derandomized, so CI sees the same inputs each run; the soak profile explores
new ones each run and keeps what failed in artifacts/hypothesis to replay it.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

PROFILE_ENV = "FUZZ_PROFILE"
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "hypothesis"
# Examples per API operation and per identity (anonymous, family, staff).
API_EXAMPLES = {"fast": 6, "soak": 150}

_common = {
    "deadline": None,  # a call to a real portal on a busy 2-core machine has no fixed time
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    "print_blob": True,
}
settings.register_profile("fast", max_examples=50, derandomize=True, database=None, **_common)
settings.register_profile(
    "soak", max_examples=1500, database=DirectoryBasedExampleDatabase(ARTIFACTS), **_common
)


def fuzz_profile() -> str:
    name = os.environ.get(PROFILE_ENV, "fast").strip() or "fast"
    if name not in API_EXAMPLES:
        raise ValueError(f"{PROFILE_ENV}={name!r}: expected one of {sorted(API_EXAMPLES)}")
    return name


settings.load_profile(fuzz_profile())

"""Experiment objects of every kind, made once per test session on the teaching scenario
(60 days, its ferry line binds), for the tidy-table and notebook-view tests. Plain cached
functions, not a conftest: ``tests/report`` has a ``conftest.py`` of its own, and two
conftest modules of the same name outside packages collide."""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

from helpers import short

import corridor_sim as cs
from corridor_sim.scenario.variants import scale_demand

QUIET = {"workers": 1, "progress": False}


@functools.cache
def teaching_60d() -> cs.Scenario:
    return short("teaching_two_ports", 60)


@functools.cache
def experiments() -> dict[str, Any]:
    """One of each: a replicated run, replications, a sweep, a comparison, marginal values
    and a saturation search (2 to 3 replications each)."""
    s = teaching_60d()
    more = dataclasses.replace(scale_demand(s, 1.2), name="teaching_more_demand")
    return {
        "run": cs.run(s, replications=3, seed=3, **QUIET),
        "replications": cs.replicate(s, 3, seed=3, **QUIET),
        "sweep": cs.sweep(s, {"demand": [1.0, 1.5]}, replications=2, seed=3, **QUIET),
        "comparison": cs.compare(s, more, replications=3, seed=3, **QUIET),
        "marginal": cs.marginal_value(s, replications=2, seed=3, **QUIET),
        "saturation": cs.saturation(
            s, replications=2, max_replications=2, curve=(0.5, 1.0), seed=3, **QUIET
        ),
    }

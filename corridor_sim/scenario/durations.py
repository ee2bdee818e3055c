"""Read durations: a plain time (``4.25 h``) or a distribution (``{dist: gamma, ...}``)."""

from __future__ import annotations

from corridor_sim.model.distributions import DISTRIBUTIONS, Distribution, deterministic
from corridor_sim.scenario.reader import Reader


def read_distribution(r: Reader, key: str) -> Distribution:
    """A duration distribution: a plain duration, or ``{dist: ..., mean: ...}``."""
    value = r.raw(key)
    if isinstance(value, str):
        return deterministic(r.hours(key, allow_zero=True))
    return distribution_of(r.sub(key))


def distribution_of(
    d: Reader, extra: tuple[str, ...] = (), needed: tuple[str, ...] = ()
) -> Distribution:
    """The distribution written in mapping ``d`` (``dist`` and its shape's keys), which
    may also hold the ``extra`` keys its caller reads (e.g. a dwell stage's name), of
    which ``needed`` are required."""
    kind = d.choice("dist", DISTRIBUTIONS)
    if kind == "empirical":
        d.check_keys([*extra, "dist", "values"], required=[*needed, "values"])
        values = tuple(
            d.check_quantity(v, f"values[{i}]", "time", allow_zero=True).value
            for i, (_, v, _) in enumerate(d.list("values"))
        )
        if not values:
            d.fail("values", "must list at least one duration")
        return d.build(Distribution, kind, sum(values) / len(values), values_h=values)
    if kind == "uniform":
        d.check_keys([*extra, "dist", "low", "high"], required=[*needed, "low", "high"])
        low = d.hours("low", allow_zero=True)
        high = d.hours("high", allow_zero=True)
        if high < low:
            d.fail("high", f"must be >= low (got {d.raw('high')!r} < {d.raw('low')!r})")
        return d.build(Distribution, kind, (low + high) / 2, low_h=low, high_h=high)
    if kind in ("gamma", "lognormal"):
        d.check_keys([*extra, "dist", "mean", "cv"], required=[*needed, "mean", "cv"])
        cv = d.number("cv", low=0.0)
        if cv <= 0:
            d.fail("cv", f"must be > 0 (got {cv})")
        return d.build(Distribution, kind, d.hours("mean"), cv=cv)
    d.check_keys([*extra, "dist", "mean"], required=[*needed, "mean"])
    return d.build(Distribution, kind, d.hours("mean", allow_zero=kind == "deterministic"))

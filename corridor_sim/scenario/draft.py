"""Read draft and load: a port's ``water_depth``, a vessel's ``draft`` and the load
factors of sea links and vessels (:mod:`corridor_sim.model.draft`)."""

from __future__ import annotations

from corridor_sim.model.cargo import HANDLING_CLASSES
from corridor_sim.model.draft import Draft, WaterDepth
from corridor_sim.scenario.reader import Reader
from corridor_sim.units import HOURS_PER_YEAR

WATER_DEPTH_KEYS = ["depth", "under_keel", "draft", "date", "trend"]
WATER_DEPTH_REQUIRED = ["date"]
DRAFT_KEYS = ["design", "deadweight", "tpc", "tare"]
DRAFT_REQUIRED = ["design", "deadweight", "tpc"]
M_PER_KM = 1000.0
CM_PER_KM = 1e5
#: the unit a tare is given per, by handling class (classes counted in tonnes have none)
TARE_UNIT = {"container": "TEU", "wagon": "wagon", "roro": "truck"}


def read_water_depth(r: Reader) -> WaterDepth:
    """A port's ``water_depth``: ``{depth: 4.5 m, under_keel: 0.5 m, date: 2024-07-01,
    trend: -0.22 m/yr}``, or the permissible draft itself, ``{draft: 3.5 m, ...}``."""
    w = r.sub("water_depth")
    w.check_keys(WATER_DEPTH_KEYS, required=WATER_DEPTH_REQUIRED)
    if w.has("draft") == w.has("depth"):
        w.fail(None, "give either 'depth' (with 'under_keel') or 'draft', the permissible draft")
    if w.has("draft"):
        if w.has("under_keel"):
            w.fail("under_keel", "goes with 'depth'; 'draft' is already depth less clearance")
        depth, keel = _metres(w, "draft"), 0.0
    else:
        depth = _metres(w, "depth")
        keel = w.quantity("under_keel", "length", allow_zero=True).value * M_PER_KM
        if keel >= depth:
            w.fail("under_keel", f"must be less than the depth (got {w.raw('under_keel')!r})")
    trend = w.quantity("trend", "length/time", "0 m/yr", positive=False).value
    return w.build(
        WaterDepth,
        depth_m=depth,
        date=w.date("date"),
        trend_m_per_yr=trend * M_PER_KM * HOURS_PER_YEAR,
        under_keel_m=keel,
    )


def read_draft(v: Reader, capacity: dict[str, float]) -> Draft:
    """A vessel's ``draft``: ``{design: 4.5 m, deadweight: 5740 t, tpc: 23.2 t/cm,
    tare: {wagon: 27 t/wagon}}``; tare is per unit of a class the vessel carries."""
    d = v.sub("draft")
    d.check_keys(DRAFT_KEYS, required=DRAFT_REQUIRED)
    tare: dict[str, float] = {}
    if d.has("tare"):
        t = d.sub("tare")
        t.check_keys(HANDLING_CLASSES)
        for cls in t.mapping:
            if cls not in capacity:
                t.fail(cls, f"the vessel has no capacity for {cls!r}")
            if cls not in TARE_UNIT:
                t.fail(cls, f"{cls!r} is counted in tonnes of cargo; it has no tare")
            tare[cls] = t.quantity(cls, f"mass/{TARE_UNIT[cls]}", allow_zero=True).value
    return d.build(
        Draft,
        design_m=_metres(d, "design"),
        deadweight_t=d.quantity("deadweight", "mass").value,
        tpc_t_per_cm=d.quantity("tpc", "mass/length").value / CM_PER_KM,
        tare_t=tare,
    )


def read_load_factor(r: Reader, classes: list[str] | tuple[str, ...]) -> dict[str, float]:
    """``load_factor``: one share for every class in ``classes`` (``72 %``) or a share
    per class (``{wagon: 63 %, roro: 81 %}``), each > 0 and at most 100 %."""
    if not isinstance(r.raw("load_factor"), dict):
        share = _share(r, "load_factor")
        return dict.fromkeys(classes, share)
    s = r.sub("load_factor")
    s.check_keys(classes)
    if not s.mapping:
        r.fail("load_factor", f"give a share for at least one of {', '.join(classes)}")
    return {cls: _share(s, cls) for cls in s.mapping}


def _share(r: Reader, key: str) -> float:
    share = r.quantity(key, "fraction").value
    if share > 1:
        r.fail(key, f"must be <= 100 % (got {r.raw(key)!r})")
    return share


def _metres(r: Reader, key: str) -> float:
    return r.quantity(key, "length").value * M_PER_KM

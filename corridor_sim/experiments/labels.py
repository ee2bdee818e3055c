"""Readable names, with units, of the KPIs of :mod:`~corridor_sim.experiments.kpis`.

>>> kpi_label("delivered_t_per_yr", "goods_west")
'goods_west: delivered (t/yr)'
>>> kpi_label("delivered_ratio")
'delivered / offered (ratio)'
"""

from __future__ import annotations

#: KPI name -> (what, unit)
KPI_NAMES: dict[str, tuple[str, str]] = {
    "delivered_t_per_yr": ("delivered", "t/yr"),
    "offered_t_per_yr": ("offered", "t/yr"),
    "delivered_ratio": ("delivered / offered", "ratio"),
    "carried_ratio": ("delivered / chose the corridor", "ratio"),
    "diverted_t_per_yr": ("lost to competing corridors", "t/yr"),
    "transit_mean_days": ("mean transit time", "days"),
    "transit_p95_days": ("95th percentile transit time", "days"),
    "in_system_t": ("cargo in the system at the end", "t"),
    "max_backlog_growth_days": ("steepest queue trend", "days of throughput"),
    "mser_warmup_days": ("warm-up suggested by MSER-5", "days"),
    "utilisation": ("utilisation", "share of time"),
    "wait_share": ("share of transit time waiting here", "share"),
    "backlog_growth_days": ("queue trend", "days of throughput"),
    "score": ("bottleneck score", "points"),
    "throughput_t_per_day": ("throughput", "t/day"),
    "queue_rise_t": ("queue rise over the period", "t"),
    "sole_share": ("sole bottleneck", "share of time"),
    "shifting_share": ("shifting bottleneck", "share of time"),
}
#: unit of a KPI not named above, from the end of its name
SUFFIXES = (
    ("_t_per_yr", "t/yr"),
    ("_t_per_day", "t/day"),
    ("_days", "days"),
    ("_h", "h"),
    ("_t", "t"),
    ("_share", "share"),
    ("_ratio", "ratio"),
)


def kpi_unit(kpi: str) -> str:
    """The unit of a KPI (a plain name, as in the ``kpi`` column of a tidy table), ``""``
    if none."""
    if kpi in KPI_NAMES:
        return KPI_NAMES[kpi][1]
    return next((unit for end, unit in SUFFIXES if kpi.endswith(end)), "")


def kpi_label(kpi: str, subject: str = "") -> str:
    """``"<what> (<unit>)"`` for a KPI, after ``"<subject>: "`` for a flow's or an
    element's."""
    what = KPI_NAMES[kpi][0] if kpi in KPI_NAMES else kpi.replace("_", " ")
    unit = kpi_unit(kpi)
    prefix = f"{subject}: " if subject else ""
    return f"{prefix}{what}" + (f" ({unit})" if unit else "")

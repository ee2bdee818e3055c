"""Read a node's or rail link's background trains.

Either a rate, ``background: {trains: 12 train/day, arrivals: poisson}``, or a tonnage
and a train load, ``background: {tonnes: 15 Mt/yr, per_train: 2000 t}``, converted to
trains a day by :func:`corridor_sim.model.background.trains_per_day` (15 Mt/yr in
2000 t trains: 20.5 trains a day). ``arrivals`` is ``regular`` (the default) or
``poisson``.
"""

from __future__ import annotations

from corridor_sim.model.background import ARRIVALS, Background
from corridor_sim.scenario.reader import Reader
from corridor_sim.units import HOURS_PER_DAY, HOURS_PER_YEAR

BACKGROUND_KEYS = ["trains", "tonnes", "per_train", "arrivals"]


def read_background(r: Reader) -> Background:
    """The background trains under ``background``; a ScenarioError at the key for a
    missing or doubled rate or a value without its unit."""
    b = r.sub("background")
    b.check_keys(BACKGROUND_KEYS)
    arrivals = b.choice("arrivals", ARRIVALS, "regular")
    if b.has("trains"):
        for key in ("tonnes", "per_train"):
            if b.has(key):
                b.fail(key, "give either 'trains' or 'tonnes' and 'per_train', not both")
        per_day = b.quantity("trains", "train/time").value * HOURS_PER_DAY
        return b.build(Background, per_day, arrivals)
    if not (b.has("tonnes") and b.has("per_train")):
        b.fail(
            None,
            "needs 'trains' (e.g. '12 train/day'), or 'tonnes' and 'per_train' "
            "(e.g. '15 Mt/yr' and '2000 t')",
        )
    tonnes = b.quantity("tonnes", "mass/time").value * HOURS_PER_YEAR
    per_train = b.quantity("per_train", "mass").value
    return b.build(Background.of_tonnes, tonnes, per_train, arrivals)

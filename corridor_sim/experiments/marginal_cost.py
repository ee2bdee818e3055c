"""What the cargo a catalogue option lets through costs: the cost per tonne gained.

Each option of an investment catalogue is tried with the options it requires (its
*package*), as :func:`~corridor_sim.experiments.marginal.marginal_value` tries one more
unit of an element. Its money, in the catalogue's currency and price year
(:attr:`~corridor_sim.model.catalogue.Catalogue.money`):

- ``capex`` and ``opex_per_yr`` of the package;
- ``annual_cost``, the **equivalent annual cost**: the capex spread over ``years`` equal
  yearly payments by the capital recovery factor at the real ``discount_rate`` r, plus
  the opex: ``capex * r / (1 - (1 + r) ** -years) + opex_per_yr``
  (:meth:`~corridor_sim.model.catalogue.Catalogue.annual_cost`);
- ``cost_per_t``, the **cost per tonne gained**: ``annual_cost / gain``, money per tonne
  (per tonne a year of extra delivery, for each year of the ``years``), with the interval
  ``[annual_cost / ci_high, annual_cost / ci_low]`` from the gain's 95 % interval (the
  cost falls as the gain grows). When that interval does not lie above zero the
  replications do not tell the gain from none, and there is no cost per tonne (NaN).

The defaults: :data:`YEARS` = 25, a common appraisal period for transport
infrastructure and about a ship's service life (an estimate, not a source), and
:data:`DISCOUNT_RATE` = 6 % real, the default of
:meth:`~corridor_sim.model.catalogue.Catalogue.cost`.

>>> cost_per_tonne(10e6, 1e6, 0.5e6, 1.5e6)
(10.0, 6.666666666666667, 20.0)
>>> cost_per_tonne(10e6, 1e6, -0.2e6, 2.2e6)
(nan, nan, nan)
"""

from __future__ import annotations

import math

from corridor_sim.model.catalogue import Catalogue
from corridor_sim.model.scenario import Scenario
from corridor_sim.scenario.catalogue import check_against

YEARS = 25
DISCOUNT_RATE = 0.06
NONE = (math.nan, math.nan, math.nan)
#: the kinds of row of a marginal-value table
UNIT, OPTION = "+1 unit", "option"


def cost_per_tonne(
    annual_cost: float, gain: float, ci_low: float, ci_high: float
) -> tuple[float, float, float]:
    """``annual_cost / gain`` and its interval ``[annual_cost / ci_high, annual_cost /
    ci_low]`` (money per tonne, for money a year over t/yr); NaN all three unless the
    gain's 95 % interval lies above zero."""
    if not ci_low > 0:  # also NaN: one replication has no interval
        return NONE
    return annual_cost / gain, annual_cost / ci_high, annual_cost / ci_low


def option_scenarios(
    scenario: Scenario, catalogue: Catalogue
) -> list[tuple[str, tuple[str, ...], Scenario]]:
    """Per option of ``catalogue``, in its order: its name, its package (the option and
    those it requires, in catalogue order) and ``scenario`` with the package built in.
    The catalogue has already checked that every package is feasible; one
    :class:`~corridor_sim.errors.ScenarioError` lists every option that does not apply
    to ``scenario`` (:func:`~corridor_sim.scenario.catalogue.check_against`)."""
    built = check_against(catalogue, scenario)
    return [(name, catalogue.with_requirements([name]), built[name]) for name in catalogue.names]


def costs(
    catalogue: Catalogue,
    package: tuple[str, ...],
    gain: float,
    ci_low: float,
    ci_high: float,
    *,
    years: int,
    discount_rate: float,
) -> dict[str, float]:
    """The money columns of a package's row (see the module docstring)."""
    annual = catalogue.annual_cost(package, years, discount_rate=discount_rate)
    per_t, low, high = cost_per_tonne(annual, gain, ci_low, ci_high)
    return {
        "capex": catalogue.capex(package),
        "opex_per_yr": catalogue.opex(package),
        "annual_cost": annual,
        "cost_per_t": per_t,
        "cost_per_t_low": low,
        "cost_per_t_high": high,
    }


def no_costs() -> dict[str, float]:
    """The money columns of a ``+1 unit`` row: none (NaN)."""
    keys = ["capex", "opex_per_yr", "annual_cost", "cost_per_t", "cost_per_t_low"]
    return {k: math.nan for k in [*keys, "cost_per_t_high"]}

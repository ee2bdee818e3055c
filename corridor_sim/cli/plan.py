"""``corridor-sim plan``: the cheapest package of a catalogue's options that meets a
target. A thin layer: parse, load, call the library, print, write."""

from __future__ import annotations

import argparse
from typing import Any

from corridor_sim.cli import arguments as a
from corridor_sim.cli.experiments import experiment_options, scenario_argument, write_figure


def add_parsers(sub: Any) -> None:
    """Add ``plan`` to the ``corridor-sim`` sub-parsers ``sub``."""
    p = a.add_command(
        sub,
        "plan",
        "the cheapest package of investments that meets a target",
        "The cheapest set of a catalogue's options (docs/catalogue.md) that meets a target "
        "(cargo delivered, a flow's 95th percentile transit time, a flow's cost per unit) "
        "within a budget: options that change no capacity or move no cut, and packages "
        "whose capacity bound falls short, are screened out; the largest packages are "
        "simulated first (if none meets the target, none can), the rest cheapest first "
        "with common random numbers; prints every package simulated, the Pareto frontier "
        "and what binds after each step (docs/plan.md).",
        [
            "corridor-sim plan middle_corridor_2030_demand catalogue_middle_corridor "
            "--delivered '9 Mt/yr' --budget 2e9 -n 5 --out out/plan"
        ],
    )
    scenario_argument(p)
    p.add_argument("catalogue", help="catalogue file or bundled name")
    p.add_argument("--delivered", metavar="RATE", help="cargo delivered at least, e.g. '9 Mt/yr'")
    p.add_argument(
        "--transit-p95", metavar="DURATION", help="95th percentile transit at most, e.g. '20 day'"
    )
    p.add_argument(
        "--cost-per-unit",
        metavar="MONEY",
        help="door-to-door cost per unit of --flow at most, e.g. '1500 USD/TEU'",
    )
    p.add_argument("--flow", help="the flow the transit or cost target is for")
    p.add_argument(
        "--flows",
        metavar="NAMES",
        help="count the delivery of these flows only (comma-separated), e.g. the flows a "
        "published forecast covers",
    )
    p.add_argument(
        "--budget", type=float, default=None, help="capex at most, in the catalogue's currency"
    )
    p.add_argument(
        "--year",
        type=int,
        default=None,
        help="consider only options in service by this year (default: all)",
    )
    p.add_argument(
        "--max-simulated",
        type=a.count,
        default=40,
        metavar="K",
        help="stop after simulating K packages without one meeting the target (default: 40)",
    )
    p.add_argument(
        "--whole-life",
        type=a.count,
        default=None,
        metavar="YEARS",
        help="rank by capex + YEARS of opex, discounted (default: rank by capex)",
    )
    p.add_argument(
        "--discount-rate",
        type=a.rate,
        default=0.06,
        metavar="R",
        help="real discount rate a year for --whole-life, e.g. 6%% or 0.06 (default: 6%%)",
    )
    experiment_options(p, 5)


def _plan(args: argparse.Namespace) -> int:
    from corridor_sim.experiments.plan import Target, plan
    from corridor_sim.scenario.catalogue import load_catalogue
    from corridor_sim.units import HOURS_PER_DAY, HOURS_PER_YEAR, UnitError, parse

    def quantity(text: str | None, dimension: str, flag: str) -> float | None:
        if text is None:
            return None
        try:
            q = parse(text)
        except UnitError as exc:
            a.fail(f"{flag}: {exc}")
        if q.dimension != dimension:
            a.fail(f"{flag}: expected {dimension}, e.g. '9 Mt/yr' or '20 day' (got {text!r})")
        return q.value

    rate = quantity(args.delivered, "mass/time", "--delivered")
    p95 = quantity(args.transit_p95, "time", "--transit-p95")
    cost = None
    if args.cost_per_unit is not None:
        try:
            q = parse(args.cost_per_unit)
        except UnitError as exc:
            a.fail(f"--cost-per-unit: {exc}")
        if q.num != "money" or not q.den:
            a.fail(
                "--cost-per-unit: expected money per unit, e.g. '1500 USD/TEU' "
                f"(got {args.cost_per_unit!r})"
            )
        cost = q.value
    if rate is None and p95 is None and cost is None:
        a.fail(
            "plan needs a target: --delivered RATE, --transit-p95 DURATION --flow NAME "
            "and/or --cost-per-unit MONEY --flow NAME"
        )
    if p95 is not None and not args.flow:
        a.fail("--transit-p95 needs --flow: the flow the transit time is promised for")
    if cost is not None and not args.flow:
        a.fail("--cost-per-unit needs --flow: the flow the cost is promised for")
    flows = tuple(f.strip() for f in args.flows.split(",") if f.strip()) if args.flows else ()
    if flows and rate is None:
        a.fail("--flows says whose delivery counts: it needs --delivered RATE")
    scenario = a.load(args.scenario, args)
    for name in (args.flow, *flows):
        if name and name not in scenario.flows:
            known = ", ".join(sorted(scenario.flows))
            a.fail(f"no flow {name!r} in {scenario.name} (flows: {known})")
    if cost is not None:
        unit = scenario.commodities[scenario.flows[args.flow].commodity].unit
        if q.den != parse(f"1 {unit}").num:
            a.fail(f"--cost-per-unit: flow {args.flow!r} is counted in {unit}, not {q.den}")
        if scenario.costs is None:
            a.fail(f"--cost-per-unit: {scenario.name} has no costs section to price the flow")
    target = Target(
        delivered_t_per_yr=None if rate is None else rate * HOURS_PER_YEAR,
        transit_p95_days=None if p95 is None else p95 / HOURS_PER_DAY,
        flow=args.flow,
        cost_per_unit_usd=cost,
        flows=flows,
    )
    result = plan(
        scenario,
        load_catalogue(args.catalogue),
        target=target,
        budget=args.budget,
        year=args.year,
        years=args.whole_life,
        max_simulated=args.max_simulated,
        discount_rate=args.discount_rate,
        replications=args.replications,
        seed=args.seed,
        **a.where(args),
    )
    print(result.text())
    print(f"\nplan took {result.wall_s:.1f} s on this machine.")
    if args.out:
        from corridor_sim.plotting.plan import plot_plan  # matplotlib: only when needed

        write_figure(plot_plan(result).figure, args.out / "plan.png")
        print(f"Wrote the tables to {result.to_dir(args.out)}/")
    return 0


COMMANDS = {"plan": _plan}

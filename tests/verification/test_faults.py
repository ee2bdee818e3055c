"""Faults in the corridor: the run completes, nothing is lost, and the effect shows.

The Caspian closure runs middle_corridor_2024 from 2024-05-01 (20-day warm-up, 100 days)
with small yards at Aktau, Kuryk and Turkmenbashi instead of the bundled ones (sized so
that ten closed days fill them and trains back up into the rail network) and without
the random weather (its storms would overlap the scheduled closure and blur "during" and
"after"); the vessel failures stay. Every run is compared with the same scenario without
the fault, on the same seed: random streams are keyed by element, so both runs see the
same arrivals and breakdowns.

Time to recover, per sea link: the days from reopening until the link's daily mean queue
is, and stays for the rest of the run, within ``RECOVERED`` (10 %) of the closure's peak
backlog above the no-closure run. The pre-closure queue level is not a usable reference
here: without any closure the Caspian queue swings between about 1,000 and 30,000 t
within two weeks. Figures (seed 2024, 10-day closure from day 50; small yards at the
east-shore ports, see PORT_STORAGE): the Caspian backlog peaks at 116,000 t above the
no-closure run (86 % of ten days of the sea links' 13,500 t/day); 8,608 t alongside at
Alat are unloaded on the first closed day, and 1,200 t unloaded at an east-shore port
wait for its full yard to reopen; eight trains wait outside Aktau and three outside
Turkmenbashi at reopening (Kuryk's few wagon trains fill its sidings only after it).
Kuryk ferries recover in 8 days, Turkmenbashi ferries in 11, tankers in 18 and Aktau
feeders in 41 (55 % utilised without the closure, but Aktau's container terminal, 76 %,
clears their yard backlog).
"""

from __future__ import annotations

import copy
import functools

import numpy as np
import pandas as pd
import pytest
import yaml
from engine_probes import StartLog, at, every
from helpers import spy

import corridor_sim as cs
from corridor_sim.engine.links.rail import Rail
from corridor_sim.engine.simulation import Simulation
from corridor_sim.results import SimulationResult

CASPIAN_PORTS = ["aktau", "aktau_oil", "kuryk", "turkmenbashi", "alat"]
SEA = ["aktau-alat", "aktau-alat-tanker", "kuryk-alat", "turkmenbashi-alat"]
# small yards, so that ten closed days fill each class (Aktau's boxes: ~80 TEU a day); since
# a full class is judged by its own cargo, a yard that never fills holds no train outside
PORT_STORAGE = {"container": "600 TEU", "wagon": "150 wagon", "roro": "200 truck"}
CLOSED_DAY, CLOSED_DAYS = 50, 10  # from t = 0 (2024-05-01), i.e. day 30 of the statistics
REOPEN_H = (CLOSED_DAY + CLOSED_DAYS) * 24.0
RECOVERED = 0.10
BERTHED = ("berthing", "unloading", "blocked")  # at a berth: unloading goes on when closed


def raw(name: str) -> dict:
    """A bundled scenario file as plain dicts (for files without ``base:``)."""
    return yaml.safe_load(cs.bundled_path(name).read_text(encoding="utf-8"))


def caspian(closed: bool) -> cs.Scenario:
    mapping = raw("middle_corridor_2024")
    mapping["simulation"].update(start="2024-05-01", warmup="20 day", horizon="100 day")
    mapping["disruptions"] = [d for d in mapping["disruptions"] if d["kind"] != "weather"]
    for port in ("aktau", "kuryk", "turkmenbashi"):
        node = mapping["nodes"][port]
        node["storage"] = {c: v for c, v in PORT_STORAGE.items() if c in node["handling_rate"]}
    mapping["nodes"]["aktau_oil"]["storage"] = {"liquid": "40000 t"}
    mapping["nodes"]["alat"].pop("storage", None)  # the receiving side never blocks a berth
    if closed:
        mapping["disruptions"].append(
            {
                "kind": "closure",
                "elements": CASPIAN_PORTS + SEA,
                "start": f"{CLOSED_DAY} day",
                "duration": f"{CLOSED_DAYS} day",
            }
        )
    # the corridor's reactions (embargoes, the ASCO pool, route choice) are switched off:
    # these tests follow how the queues themselves fill and drain
    return cs.without_reaction(
        cs.build_scenario(mapping, name="caspian_closure" if closed else "caspian_open")
    )


@functools.cache
def caspian_runs() -> dict:
    """The closure run (with probes) and the no-closure run."""
    sim = Simulation(caspian(closed=True))
    sailings = []
    for link in SEA:
        for vessel in sim.links[link].vessels:
            log = spy(vessel, "set_state", sim, lambda state: state)
            sailings.append(log)
    aboard: dict[str, float] = {}
    held: list[tuple[float, dict[str, int]]] = []

    def at_closure() -> None:
        for link in SEA:
            for v in sim.links[link].vessels:
                # arrival formalities (bundled since issue #10) precede the unloading
                arriving = v.state == "formalities" and not v.cleared_in
                if v.state in BERTHED or arriving:
                    port = sim.links[link].ports[v.port_index].name
                    key = "west" if port == "alat" else "east"
                    aboard[key] = aboard.get(key, 0.0) + sum(c.tonnes for c in v.hold)

    at(sim, CLOSED_DAY * 24.0, at_closure)  # just after the closure begins
    rails = [e for e in sim.links.values() if isinstance(e, Rail)]
    every(sim, 6.0, lambda now: held.append((now, {r.name: len(r.held) for r in rails})))
    closed = SimulationResult.from_record(sim.run())
    return {
        "closed": closed,
        "open": cs.simulate(caspian(closed=False)),
        "sim": sim,
        "sailings": [t for log in sailings for t, state in log if state == "sailing"],
        "aboard": aboard,
        "held": held,
    }


def daily_queue(result: cs.SimulationResult) -> pd.DataFrame:
    """Daily mean queue (t) of each sea link (day 0 = t = 0)."""
    q = result.queues[result.queues["element"].isin(SEA)].copy()
    q["day"] = (q["time_h"] // 24).astype(int)
    return q.groupby(["day", "element"])["queue_t"].mean().unstack()


def recovery_days(closed: pd.Series, open_: pd.Series) -> float:
    """Days after reopening until ``closed`` stays within RECOVERED of the peak backlog
    above ``open_`` (inf if it never does)."""
    excess = (closed - open_).loc[CLOSED_DAY:]
    limit = RECOVERED * excess.max()
    after = excess.loc[CLOSED_DAY + CLOSED_DAYS :]
    above = after[after > limit]
    if len(above) and above.index[-1] == after.index[-1]:
        return np.inf
    last = above.index[-1] if len(above) else CLOSED_DAY + CLOSED_DAYS - 1
    return float(last + 1 - (CLOSED_DAY + CLOSED_DAYS))


def test_no_cargo_crosses_the_closed_caspian():
    """No vessel sails while the Caspian is closed; the sea links deliver nothing but the
    loads already at a berth when it closed (unloading goes on), and nothing after. The
    westbound loads alongside at Alat (no yard limit) are all delivered on the first
    closed day; an eastbound load alongside a full east-shore port is unloaded but stays
    blocked until the port reopens, so it may count after the closure."""
    runs = caspian_runs()
    start, end = CLOSED_DAY * 24.0, REOPEN_H
    assert not [t for t in runs["sailings"] if start <= t < end]
    daily = runs["closed"].daily
    sea = daily[daily["element"].isin(SEA)].groupby("day")["tonnes"].sum()
    during = sea.reindex(range(CLOSED_DAY, CLOSED_DAY + CLOSED_DAYS), fill_value=0.0)
    assert during.loc[CLOSED_DAY + 1 :].eq(0).all(), during
    aboard = runs["aboard"]
    assert aboard.get("west", 0.0) > 0
    assert aboard["west"] - 1e-6 <= during.sum() <= sum(aboard.values()) + 1e-6
    assert sea.loc[CLOSED_DAY + CLOSED_DAYS] > 0  # they sail again on reopening


def test_nothing_is_lost_and_queues_build_back_into_the_rail_network():
    """Every tonne is delivered or still in the system; the Caspian queue grows by about
    the crossing's throughput for each closed day; ports fill and trains wait outside."""
    runs = caspian_runs()
    for name in ("closed", "open"):
        bal = runs[name].balance
        assert (bal["difference_units"].abs() <= 1e-6 * bal["generated_units"]).all()
    excess = (daily_queue(runs["closed"]) - daily_queue(runs["open"])).sum(axis=1)
    per_day = runs["open"].elements.set_index("element").loc[SEA, "throughput_t_per_day"].sum()
    assert excess.loc[CLOSED_DAY + CLOSED_DAYS - 1] > 0.8 * CLOSED_DAYS * per_day
    ports = runs["closed"].elements.set_index("element").loc[["aktau", "kuryk", "turkmenbashi"]]
    assert (ports["blocked_share"] > 0).all()
    held = {t: h for t, h in runs["held"]}
    at_reopening = held[REOPEN_H - 6.0]
    before = held[CLOSED_DAY * 24.0 - 6.0]
    assert sum(at_reopening.values()) > sum(before.values())
    # trains held outside each full port, during the closure or the backlog after it
    # (Kuryk's wagon trains are few: its sidings may fill only after reopening)
    window = [h for t, h in runs["held"] if CLOSED_DAY * 24.0 <= t <= REOPEN_H + 10 * 24.0]
    for line in ("beineu-aktau", "beineu-kuryk", "farap-turkmenbashi"):
        assert max(h[line] for h in window) > 0, line


def test_queues_drain_after_reopening_and_time_to_recover():
    """Each sea link's backlog clears within about twice the time its spare capacity
    needs, or the line had no spare capacity (over 95 % utilised without the closure);
    the spare capacity is that of the busier of the link and its loading port (Aktau's
    container terminal, 76 % used, clears the feeders' yard backlog more slowly than the
    feeders, 55 %). In this run: Kuryk ferries 8 days, Turkmenbashi ferries 11, tankers
    18, Aktau feeders 41. Trains held outside Aktau and Turkmenbashi are all let in
    within 30 days."""
    runs = caspian_runs()
    closed, open_ = daily_queue(runs["closed"]), daily_queue(runs["open"])
    util = runs["open"].elements.set_index("element")["utilisation"]
    days = {link: recovery_days(closed[link], open_[link]) for link in SEA}
    loading_port = {
        "aktau-alat": "aktau",
        "aktau-alat-tanker": "aktau_oil",
        "kuryk-alat": "kuryk",
        "turkmenbashi-alat": "turkmenbashi",
    }
    for link, d in days.items():
        u = max(util[link], util[loading_port[link]])
        # the backlog of the closed days clears at the spare rate: about CLOSED_DAYS x u /
        # (1 - u) days at utilisation u; twice that for one sample path
        bound = max(30.0, 2 * CLOSED_DAYS * u / (1 - u))
        assert d <= bound or u > 0.95, (link, d, u)
    after = [h for t, h in runs["held"] if REOPEN_H <= t <= REOPEN_H + 30 * 24.0]
    for line in ("beineu-aktau", "farap-turkmenbashi"):
        assert min(h[line] for h in after) == 0


def kuryk_failures(mtbf: str) -> cs.SimulationResult:
    mapping = raw("middle_corridor_2024")
    mapping["simulation"].update(warmup="10 day", horizon="60 day")
    for d in mapping["disruptions"]:
        if d["kind"] == "failures" and "kuryk-alat" in d["elements"]:
            d["mtbf"] = mtbf
    return cs.simulate(cs.build_scenario(mapping))


def test_vessel_breakdowns_and_repairs():
    """Kuryk and Turkmenbashi ferries failing every 10 days instead of 120 (4-day
    repairs): the run balances, ferries spend far longer in repair, the Kuryk queue and
    its flows' transit times grow, and repaired ferries sail again."""
    often, rarely = kuryk_failures("10 day"), kuryk_failures("120 day")
    for result in (often, rarely):
        assert (result.balance["difference_units"].abs() < 1e-6).all()
    repair = {
        r: x.vessels.groupby("link")["repair_h"].sum()["kuryk-alat"]
        for r, x in (("often", often), ("rarely", rarely))
    }
    assert repair["often"] > 3 * repair["rarely"]
    ferries = often.vessels[often.vessels["link"] == "kuryk-alat"]
    assert (ferries.loc[ferries["repair_h"] > 0, "voyages"] > 0).all()
    queue = {
        r: x.elements.set_index("element").loc["kuryk-alat", "queue_mean_t"]
        for r, x in (("often", often), ("rarely", rarely))
    }
    assert queue["often"] > queue["rarely"]
    transit = {
        r: x.flows.set_index("flow").loc["wagons_kz_poti", "transit_mean_days"]
        for r, x in (("often", often), ("rarely", rarely))
    }
    assert transit["often"] > transit["rarely"]


def test_border_closed_for_a_week():
    """Dostyk closed for 7 days from day 20: no train starts service there, the queue
    builds to over half a week of Dostyk trains, empties within 30 days of reopening and
    then stays at the no-closure level; the wait at Dostyk and the main Dostyk flow's
    transit times grow; the run balances. The recovery is slow because Dostyk's
    background trains (other Kazakhstan-China freight, 78 % of its quota) are served
    ahead of the corridor's: their week of backlog clears first, at the ~6 trains a day
    the tracks have to spare."""
    base = raw("middle_corridor_2024")
    base["simulation"].update(warmup="10 day", horizon="90 day")
    closed = copy.deepcopy(base)
    closed["disruptions"].append(
        {"kind": "closure", "elements": ["dostyk"], "start": "20 day", "duration": "7 day"}
    )
    sim = Simulation(cs.build_scenario(closed))
    dostyk = sim.nodes["dostyk"]
    dostyk.busy_level = StartLog(dostyk.busy_level)
    result = SimulationResult.from_record(sim.run())
    plain = cs.simulate(cs.build_scenario(base))
    assert not [t for t in dostyk.busy_level.starts if 20 * 24 <= t < 27 * 24]
    assert (result.balance["difference_units"].abs() < 1e-6).all()
    q = result.queues[result.queues["element"] == "dostyk"].set_index("time_h")["queue_t"]
    per_week = plain.elements.set_index("element").loc["dostyk", "throughput_t_per_day"] * 7
    assert q.loc[26 * 24 : 27 * 24].max() > 0.5 * per_week
    assert q.loc[27 * 24 : 57 * 24].min() == 0  # empty again within 30 days of reopening
    p = plain.queues[plain.queues["element"] == "dostyk"].set_index("time_h")["queue_t"]
    assert q.loc[65 * 24 :].mean() <= p.loc[65 * 24 :].mean() + 1200  # one train, 100 TEU
    wait = {
        r: x.elements.set_index("element").loc["dostyk", "wait_mean_h"]
        for r, x in (("closed", result), ("plain", plain))
    }
    # cargo arriving in the 7 closed days of 90 waits 3.5 days or more: > +6.5 h overall
    assert wait["closed"] > wait["plain"] + 0.5 * (7 / 90) * (7 * 24 / 2), wait
    # the main Dostyk flow (the Kars flows run ~7 trains in 60 days: too few to compare)
    cols = ["transit_mean_days", "transit_p95_days"]
    # (p95 may stay in the same 2.3 % histogram bin: Dostyk's heavy-tailed clearance,
    # which goes on while the tracks are closed, dominates the tail)
    slower = result.flows.set_index("flow").loc["cont_dostyk_poti", cols]
    before = plain.flows.set_index("flow").loc["cont_dostyk_poti", cols]
    assert slower["transit_mean_days"] > before["transit_mean_days"]
    assert slower["transit_p95_days"] >= before["transit_p95_days"]


def test_pipeline_at_zero_capacity():
    """BTC with the Azerbaijani base load taking all of its capacity: no Kazakh crude
    reaches Ceyhan, the crude waits (Sangachal's tanks, cut to 100 kt here, fill, then
    cargo is held before them), nothing is lost, and the verdict names BTC."""
    mapping = raw("kazakh_crude_btc")
    mapping["simulation"].update(warmup="10 day", horizon="60 day")
    mapping["links"]["btc"]["base_load"] = mapping["links"]["btc"]["capacity"]
    mapping["nodes"]["sangachal"]["storage"] = {"liquid": "100 kt"}
    result = cs.simulate(cs.build_scenario(mapping))
    flow = result.flows.set_index("flow").loc["kazakh_crude"]
    assert flow["delivered_units"] == 0
    assert flow["in_system_units"] > 200_000  # more than Sangachal holds
    sangachal = result.elements.set_index("element").loc["sangachal"]
    assert sangachal["blocked_share"] > 0
    bal = result.balance.set_index("flow").loc["kazakh_crude"]
    assert bal["generated_units"] == pytest.approx(bal["in_system_units"])
    btc = result.elements.set_index("element").loc["btc"]
    assert btc["throughput_t"] == 0 and btc["utilisation"] == pytest.approx(1.0)
    assert "btc" in result.verdict

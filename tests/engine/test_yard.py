"""Yards: storage that holds arriving trains upstream until a vessel takes cargo away,
judged per handling class, admitting held batches in arrival order as room frees."""

import math
from types import SimpleNamespace

import pytest
from helpers import deliveries, ferry, flow, per_time, port, scenario, sea, start, units

from corridor_sim.engine.consignment import Consignment
from corridor_sim.engine.yard import Yard
from corridor_sim.results.balance import balance_table


def wagons(qty: float) -> SimpleNamespace:
    """A consignment of ``qty`` wagons (60 t each) at a node (even hop), delivered at
    the next (its route's last)."""
    kind = SimpleNamespace(handling="wagon", mass_per_unit_t=60.0, lanes=[])
    path = SimpleNamespace(lanes=(), last_hop=1)
    return SimpleNamespace(flow=kind, qty=qty, hop=0, path=path)


def test_held_batches_go_in_in_arrival_order_once_they_fit():
    """A yard of 10 wagons holding 8 refuses 4 wagons, then 1 (which would fit, but
    arrives behind the 4); when 5 leave, both go in, the 4 first."""
    log = []

    def admit(batch: list) -> None:
        log.append(("in", sum(c.qty for c in batch)))
        yard.store(batch, sum(c.qty * 60.0 for c in batch), 0.0)

    yard = Yard(SimpleNamespace(), {"wagon": 10.0}, [], admit)
    leaving = wagons(5.0)
    admit([leaving, wagons(3.0)])
    assert yard.hold([wagons(4.0)], lambda: log.append(("waiter", 4.0)), None)
    assert yard.room("wagon", 1.0)
    assert yard.hold([wagons(1.0)], lambda: log.append(("waiter", 1.0)), None)
    yard.release(leaving, 1.0)
    assert log == [("in", 8.0), ("waiter", 4.0), ("in", 4.0), ("waiter", 1.0), ("in", 1.0)]
    assert (yard.stock["wagon"], yard.fill["wagon"][None], len(yard.blocked["wagon"])) == (
        8.0,
        480.0,
        0,
    )


def test_a_node_without_storage_limits_has_no_yard():
    """No ``storage``: no yard, and no stock statistic (NaN)."""
    sim = start(blocking_port())
    assert sim.nodes["q"].yard is None and sim.nodes["p"].yard is not None
    assert math.isnan(sim.nodes["q"].stock_mean_t(0.0))


def blocking_port() -> dict:
    """o --rail, 1 h--> port p (room for 10 wagons) ==sea, 40 h==> port q.

    A block train of 10 wagons leaves o every 24 h from t = 24, so reaches p at 25, 49,
    73, ... The ferry (10 wagons) starts at q and is called over by the first train.
    """
    rail = {
        "kind": "rail",
        "from": "o",
        "to": "p",
        "travel_time": "1 h",
        "train_capacity": {"wagon": "10 wagon"},
    }
    crossing = sea([ferry(home="to")], distance="400 km")
    crossing.update({"from": "p", "to": "q"})
    return scenario(
        nodes={"o": {"kind": "origin"}, "p": port(storage={"wagon": "10 wagon"}), "q": port()},
        links={"o-p": rail, "p-q": crossing},
        flows={"f": flow(["o", "p", "q"], "10 wagon/day", "10 wagon")},
    )


def test_full_port_holds_the_train_upstream_until_a_vessel_loads():
    """A full port refuses a train (the rail link holds it) until a vessel takes cargo."""
    # Train 1 fills p at 25 and calls the ferry from q (40 h away, at p at 65). Train 2
    # reaches p at 49 and is held on the rail link. At 65 the ferry loads train 1's wagons,
    # freeing the storage, and train 2 is admitted at once.
    sim = start(blocking_port())
    p, rail = sim.nodes["p"], sim.links["o-p"]
    sim.env.run(until=60)
    assert p.yard.stock["wagon"] == 10.0
    assert [units(batch) for batch, *_ in p.yard.blocked["wagon"]] == [10.0]
    assert [units(batch) for batch in rail.held.values()] == [10.0]
    sim.env.run(until=65.5)
    assert (len(p.yard.blocked["wagon"]), rail.held, p.yard.stock["wagon"]) == (0, {}, 10.0)
    assert units(sim.links["p-q"].vessels[0].hold) == 10.0


def test_held_train_is_delivered_later_and_nothing_is_lost():
    """Cargo held outside a full port is delivered later; the mass balance holds."""
    # The ferry sails 66 -> 106, unloads by 107, returns empty 107 -> 147, loads train 2
    # (admitting train 3, held since 73) and delivers it at 147 + 1 + 40 + 1 = 189.
    # By t = 200, 8 blocks (t = 24, 48, ..., 192) = 80 wagons were generated.
    sim = start(blocking_port())
    delivered = deliveries(sim)
    sim.env.run(until=200)
    assert per_time(delivered) == [(pytest.approx(107.0), 10.0), (pytest.approx(189.0), 10.0)]
    row = balance_table(sim.record()).iloc[0]
    assert (row.generated_units, row.delivered_units, row.in_system_units) == (80, 20, 60)


def test_two_way_traffic_through_full_ports_keeps_moving():
    """Ferries swap cargo: a full port does not stop the ferry that would empty it."""
    # Ports a and b hold 10 wagons each; blocks of 10 arrive hourly at both, bound for the
    # other port; one ferry of 10. The ferry takes a's block to b (delivered on arrival at
    # b), but b is full of its own block waiting for this ferry, so the ferry is held at
    # berth and nothing is delivered in 20 days. A working swap delivers both ways.
    mapping = scenario(
        nodes={"a": port(storage={"wagon": "10 wagon"}), "b": port(storage={"wagon": "10 wagon"})},
        links={"a-b": sea()},
        flows={
            "ab": flow(["a", "b"], "240 wagon/day", "10 wagon"),
            "ba": flow(["b", "a"], "240 wagon/day", "10 wagon"),
        },
        horizon="20 day",
    )
    sim = start(mapping)
    eastbound, westbound = deliveries(sim, 0), deliveries(sim, 1)
    sim.env.run(until=sim.end_h)
    assert eastbound and westbound


def test_a_full_class_does_not_block_the_other_classes():
    """Storage is judged per handling class: crude filling a port's liquid store, held
    for a tanker, does not stop feeders bringing containers for another link."""
    # Crude (100 t/h) reaches port a over a road from o, bound for b by tanker; the only
    # tanker starts at b, 1000 h away, so a's 500 t of liquid storage is full from t = 5
    # and crude is held on the road, blamed on the tanker link. Containers (10 TEU/h)
    # come from c by feeder (10 h crossing) and leave a by road to d; the container
    # store (1000 TEU) never fills, so every feeder load is admitted and delivered.
    liquid = {"liquid": "1000 t/h"}
    boxes = {"container": "100 TEU/h"}
    tanker = ferry(name="tanker", berth="liquid", capacity={"liquid": "500 t"}, home="to")
    tanker["speed"] = "1 km/h"
    tankers = sea([tanker], distance="1000 km")
    tankers.update({"from": "a", "to": "b"})
    feeders = sea([ferry(name="feeder", berth="container", capacity={"container": "50 TEU"})])
    feeders.update({"from": "c", "to": "a"})
    mapping = scenario(
        nodes={
            "o": {"kind": "origin"},
            "c": port(berths={"container": 1}, handling_rate=boxes),
            "a": port(
                berths={"liquid": 1, "container": 1},
                handling_rate=liquid | boxes,
                storage={"liquid": "500 t", "container": "1000 TEU"},
            ),
            "b": port(berths={"liquid": 1}, handling_rate=liquid),
            "d": {"kind": "destination"},
        },
        links={
            "o-a": {"kind": "transfer", "from": "o", "to": "a"},
            "a-b": tankers,
            "c-a": feeders,
            "a-d": {"kind": "transfer", "from": "a", "to": "d"},
        },
        flows={
            "crude": flow(["o", "a", "b"], "2400 t/day", "100 t", "crude"),
            "boxes": flow(["c", "a", "d"], "240 TEU/day", "10 TEU", "box"),
        },
    )
    box = {"unit": "TEU", "mass_per_unit": "10 t", "handling": "container"}
    mapping["commodities"]["box"] = box
    sim = start(mapping)
    boxes_in = deliveries(sim, 1)
    sim.env.run(until=sim.end_h)
    # the feeder brings 50 TEU a round trip (21 h: 10 h each way, loading, unloading),
    # delivered at 15.9, 36.9, ..., 225.9: 11 loads (none if crude held them outside)
    assert per_time(boxes_in) == [(pytest.approx(15.9 + 21 * k), 50.0) for k in range(11)]
    a = sim.nodes["a"]
    assert a.yard.stock["liquid"] == 500.0
    assert a.yard.blocked["liquid"] and not a.yard.blocked["container"]
    assert a.blame("liquid") is sim.links["a-b"]


def _probe(sim, flow_index: int = 0) -> Consignment:
    """A consignment of 10 units of flow ``flow_index`` on its first route, made now."""
    f = sim.flows[flow_index]
    return Consignment(f, 10.0, sim.env.now, f.paths[0])


def test_cargo_held_outside_counts_ahead_on_the_vessels_it_waits_for(monkeypatch):
    """Route choice sees the backlog, not just the yard: at t = 60 train 2's 10 wagons
    are held outside p (full with train 1's), so a consignment choosing now has two
    ferry loads ahead, not one (the ferry's round trip more); once admitted they count
    in the yard and the held count is back to zero."""
    sim = start(blocking_port())
    p, link = sim.nodes["p"], sim.links["p-q"]
    lane = link.lanes[("p", "q")]
    sim.env.run(until=60)
    assert p.held_for(lane, "wagon") == 10.0 and p.yard.outside_batches == 1
    seen = lane.expected_h(_probe(sim))
    monkeypatch.setattr(p, "held_for", lambda lane, cls: 0.0)
    blind = lane.expected_h(_probe(sim))
    assert seen - blind == pytest.approx(link.cycle_h(link.vessels[0]))
    monkeypatch.undo()
    sim.env.run(until=65.5)
    assert (p.held_for(lane, "wagon"), p.yard.outside_batches) == (0.0, 0)


def test_cargo_held_outside_counts_ahead_on_the_train_it_waits_for():
    """Terminal t (room for 10 wagons) sends one train of 10 a day to d; blocks of 10
    arrive every 6 h. At t = 50 one train's load waits in t (the slot is at 55) and five
    are held outside: cargo arriving now leaves on the seventh train, 6 headways after
    the slot, not on the second."""

    def rail(a: str, b: str, **extra: str) -> dict:
        train = {"wagon": "10 wagon"}
        return {
            "kind": "rail",
            "from": a,
            "to": b,
            "travel_time": "1 h",
            "train_capacity": train,
            **extra,
        }

    sim = start(
        scenario(
            nodes={
                "o": {"kind": "origin"},
                "t": {"kind": "terminal", "storage": {"wagon": "10 wagon"}},
                "d": {"kind": "destination"},
            },
            links={"o-t": rail("o", "t"), "t-d": rail("t", "d", line_capacity="1 train/day")},
            flows={"f": flow(["o", "t", "d"], "40 wagon/day", "10 wagon")},
            horizon="5 day",
        )
    )
    sim.env.run(until=50)
    t, lane = sim.nodes["t"], sim.links["t-d"].lanes[("t", "d")]
    assert (lane.fill, t.held_for(lane, "wagon"), lane.next_slot) == (1.0, 50.0, 55.0)
    assert lane.expected_h(_probe(sim)) == pytest.approx(5.0 + 6 * 24.0 + 1.0)


def test_batches_held_outside_a_border_queue_for_its_servers():
    """Border b (one server, 10 h a batch, room for 20 wagons) gets a block of 10 every
    4 h from t = 4: at t = 41 three are through, one is in service, one waits inside
    and five are held outside; all seven are ahead of cargo arriving now."""
    border = {
        "kind": "border",
        "servers": 1,
        "service_time": {"dist": "deterministic", "mean": "10 h"},
        "storage": {"wagon": "20 wagon"},
    }
    sim = start(
        scenario(
            nodes={"o": {"kind": "origin"}, "b": border, "d": {"kind": "destination"}},
            links={
                "o-b": {"kind": "transfer", "from": "o", "to": "b", "delay": "0 h"},
                "b-d": {"kind": "transfer", "from": "b", "to": "d", "delay": "0 h"},
            },
            flows={"f": flow(["o", "b", "d"], "60 wagon/day", "10 wagon")},
        )
    )
    sim.env.run(until=41)
    b = sim.nodes["b"]
    assert (b.yard.outside_batches, len(b.waiting), b.busy) == (5, 1, 1)
    assert b.expected_h(_probe(sim)) == pytest.approx(7 * 10.0 + 10.0)

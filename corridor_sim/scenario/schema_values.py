"""What each scenario key holds, as JSON Schema fragments, for :mod:`.schema`.

The keys each mapping allows come from the loader (see :mod:`.schema`); this module
says what a key's value is (a quantity of which dimension, a count, a name, ...) and
describes it with its units. Enumerations and unit spellings come from the model and
:mod:`corridor_sim.units`, so they follow the code. :data:`VALUES` maps a context (the
kind of mapping) to its keys; a key the loader allows but :data:`VALUES` lacks stops
the schema's generation, so the two cannot drift apart unnoticed.
"""

from __future__ import annotations

import calendar

from corridor_sim import units
from corridor_sim.model.acceptance import EMBARGO_COUNTS
from corridor_sim.model.background import ARRIVALS
from corridor_sim.model.cargo import CARGO_UNITS, HANDLING_CLASSES
from corridor_sim.model.choice import CHOICE_RULES
from corridor_sim.model.costs import FUEL_STATES, TRACTIONS
from corridor_sim.model.demand import ARRIVAL_PATTERNS, MONTHS, PRIORITIES
from corridor_sim.model.disruptions import DAYS_IN_MONTH_MAX
from corridor_sim.model.distributions import DISTRIBUTIONS
from corridor_sim.model.fleet import VESSEL_HOMES, WAIT_AT
from corridor_sim.model.network import BERTH_TYPES, LINK_KINDS, NODE_KINDS
from corridor_sim.model.scenario import LAST_DATE
from corridor_sim.model.track import MAX_LOOPS, TRACK_KINDS
from corridor_sim.scenario.disruptions import KINDS as DISRUPTION_KINDS
from corridor_sim.scenario.draft import TARE_UNIT
from corridor_sim.scenario.links import MAX_VESSELS
from corridor_sim.scenario.schema_fragments import (
    DATE,
    TIME,
    Fragment,
    Ref,
    choice,
    count,
    names,
    number,
    per_class,
    quantity,
    text,
)


def _load_factor(whose: str) -> Fragment:
    """One share for every class, or a share per handling class."""
    meaning = f"share of capacity a vessel may load (the draft limit), {whose}"
    per = per_class(meaning)
    per["properties"] = {
        cls: quantity("fraction", f"{meaning}, {cls} cargo", "63 %") for cls in HANDLING_CLASSES
    }
    return {"anyOf": [quantity("fraction", meaning, "72 %"), per], "description": meaning}


def _closure_days() -> Fragment:
    """Twelve expected closure days, each at most the days its month can have."""
    months = [
        number(f"expected closure days in {calendar.month_name[m + 1]}", 0, most)
        for m, most in enumerate(DAYS_IN_MONTH_MAX)
    ]
    return {
        "type": "array",
        "items": months,  # draft-07 tuple form: item m is month m
        "minItems": MONTHS,
        "maxItems": MONTHS,
        "description": "expected closure days in each calendar month, January first "
        "(at most the days of the month; 29 for February)",
    }


def _seasonality() -> Fragment:
    return {
        "type": "array",
        "items": number("relative volume of the month", 0),
        "minItems": MONTHS,
        "maxItems": MONTHS,
        "description": "twelve monthly factors, January first (scaled to mean 1)",
    }


#: a stock of one handling class, in its unit
_CLASS_STOCK = ("TEU", "wagon", "truck", "mass")

_ROUTE: Fragment = {
    "anyOf": [{"const": "shortest"}, {"type": "array", "items": {"type": "string"}, "minItems": 2}],
    "description": "the nodes the flow passes, origin first, or 'shortest' (shortest "
    "expected time)",
}
_NATURAL = tuple("mass" if u == "t" else u for u in CARGO_UNITS)
_CARGO = (*_NATURAL, *(("mass",) if "mass" not in _NATURAL else ()), "oil_volume")
_DESCRIPTION = text("free text")
_ELEMENTS = names("the nodes and links it closes")
_CLOSURE_START: Fragment = {
    "anyOf": [DATE, quantity(TIME, "time from the start of the run", "340 day")],
    "description": "when it starts: a date YYYY-MM-DD, or a time from t = 0 ('340 day')",
}

#: context -> key -> what the key holds
_MONEY = r"^\s*" + units.NUMBER + r"\s*USD(?:\s*/\s*[^/\s]+){0,2}\s*$"


def _money(meaning: str, example: str) -> Fragment:
    """An amount in USD, per whatever its unit says (``450 USD/TEU``, ``0.04 USD/t/km``)."""
    return {
        "type": "string",
        "pattern": _MONEY,
        "description": f"{meaning}, in USD (the costs section's currency), e.g. '{example}'",
        "examples": [example],
    }


VALUES: dict[str, dict[str, Fragment | Ref]] = {
    "scenario": {
        "name": text("the scenario's name (default: the file name)"),
        "description": _DESCRIPTION,
        "base": text(
            "a scenario file in the same folder to start from; this file "
            "overrides it (mappings merge, lists replace, null removes a key)",
            non_empty=True,
        ),
        "simulation": Ref("simulation"),
        "commodities": Ref("commodity", "named", "the kinds of cargo, by name"),
        "nodes": Ref("node", "named", "places where cargo waits and is handled, by name"),
        "links": Ref("link", "named", "what moves cargo between nodes, by name"),
        "flows": Ref("flow", "named", "streams of cargo from an origin to a destination"),
        "disruptions": Ref("disruption", "list", "closures, weather and failures"),
        "fleet_pools": Ref(
            "fleet_pool", "named", "sea links whose vessels form one fleet, by pool name"
        ),
        "locomotive_pools": Ref(
            "locomotive_pool",
            "named",
            "the locomotives hauling a railway's lines (its territory), by pool name",
        ),
        "wagon_pools": Ref(
            "wagon_pool",
            "named",
            "wagons that some flows' cargo is loaded onto at one node and that return there "
            "empty, by pool name",
        ),
        "costs": Ref("costs"),
    },
    "simulation": {
        "start": {
            **DATE,
            "description": f"calendar date of t = 0 (months drive seasonality and weather): "
            f"{DATE['description']}; the run must end by {LAST_DATE}",
        },
        "horizon": quantity(TIME, "statistics period, after the warm-up", "365 day"),
        "warmup": quantity(TIME, "time run first and left out of the statistics", "30 day"),
        "seed": count("default seed of the random streams", 0),
        "sample_interval": quantity(TIME, "time between queue samples (default 6 h)", "6 h"),
    },
    "commodity": {
        "unit": choice(CARGO_UNITS, "the unit cargo is counted in"),
        "mass_per_unit": quantity(
            "mass", "tonnes of cargo in one unit ('1 t' if the unit is t)", "12 t"
        ),
        "handling": choice(HANDLING_CLASSES, "which berths, storage and vehicle space it uses"),
        "barrels_per_tonne": quantity(
            "oil_volume/mass", "oil density, to give volumes in barrels", "7.3 bbl/t"
        ),
        "description": _DESCRIPTION,
    },
    "node": {
        "kind": choice(NODE_KINDS, "what the node is"),
        "label": text(
            "the name shown on maps and in reports, e.g. 'Beineu (road)'", non_empty=True
        ),
        "lon": number("longitude in degrees east, for maps", -180, 180),
        "lat": number("latitude in degrees north, for maps", -90, 90),
        "storage": per_class("room for cargo waiting here", oil=True),
        "description": _DESCRIPTION,
        "servers": count("cargo batches served at once", 0),
        "service_time": Ref("distribution"),
        "quota": quantity("train/time", "most batches starting service per day", "28 train/day"),
        "gauge_change": Ref("distribution"),
        "dwell": Ref(
            "dwell_stage",
            "list",
            "the time per batch as named stages, in order, instead of service_time and "
            "gauge_change: one draw per stage; stages with holds_server: false come first",
            1,
        ),
        "berths": {
            "type": "object",
            "properties": {b: count(f"{b} berths", 1) for b in BERTH_TYPES},
            "additionalProperties": False,
            "description": f"berths by type ({', '.join(BERTH_TYPES)})",
        },
        "handling_rate": per_class("loading and unloading rate", "/time", oil=True),
        "berth_time": quantity(TIME, "mooring and unmooring per berthing", "2 h"),
        "formalities": Ref("formalities"),
        "entry_window": Ref("entry_window"),
        "water_depth": Ref("water_depth"),
        "embargo": {
            "type": "object",
            "propertyNames": {"enum": list(HANDLING_CLASSES)},
            "additionalProperties": {"$ref": "#/definitions/embargo"},
            "description": "acceptance control per handling class: the railway stops "
            "sending new cargo of the class here above a stock and resumes below another",
        },
        "background": Ref("background"),
    },
    "background": {
        "trains": quantity(
            "train/time", "background trains (per direction on a line)", "12 train/day"
        ),
        "tonnes": quantity(
            "mass/time", "background tonnage, instead of 'trains' (with per_train)", "15 Mt/yr"
        ),
        "per_train": quantity("mass", "tonnes in one background train", "2000 t"),
        "arrivals": choice(ARRIVALS, "evenly spaced (default) or at random (Poisson)"),
    },
    "embargo": {
        "above": quantity(
            _CLASS_STOCK,
            "stock of the class (its unit) above which no new cargo is sent",
            "700 wagon",
        ),
        "counts": choice(
            EMBARGO_COUNTS,
            "what is counted: the cargo standing here (default), or also what is on its way",
        ),
        "below": quantity(
            _CLASS_STOCK, "stock at or below which new cargo is sent again", "350 wagon"
        ),
    },
    "water_depth": {
        "depth": quantity("length", "water depth at the berths and approaches on 'date'", "4.5 m"),
        "under_keel": quantity("length", "clearance kept under the keel (with 'depth')", "0.5 m"),
        "draft": quantity(
            "length", "permissible draft on 'date' (instead of depth and under_keel)", "3.5 m"
        ),
        "date": {**DATE, "description": f"the date of the depth or draft: {DATE['description']}"},
        "trend": quantity(
            "length/time", "change of the depth a year (negative as the sea falls)", "-0.22 m/yr"
        ),
    },
    "formalities": {
        "arrival": Ref("distribution"),
        "departure": Ref("distribution"),
    },
    "entry_window": {
        "from": quantity(TIME, "time of day the window opens, below 24 h", "6 h"),
        "to": quantity(TIME, "time of day it closes (before 'from': past midnight)", "18 h"),
    },
    "distribution": {
        "dist": choice(DISTRIBUTIONS, "the distribution"),
        "mean": quantity(TIME, "mean duration", "2 h"),
        "cv": {
            **number("coefficient of variation (standard deviation / mean)"),
            "exclusiveMinimum": 0,
        },
        "low": quantity(TIME, "shortest duration", "1 h"),
        "high": quantity(TIME, "longest duration", "3 h"),
        "values": {
            "type": "array",
            "items": quantity(TIME, "a duration", "2 h"),
            "minItems": 1,
            "description": "durations drawn with equal weight",
        },
    },
    "dwell_stage": {
        "stage": text("the stage's name, e.g. documents, inspection, gauge_change", non_empty=True),
        "holds_server": {
            "type": "boolean",
            "description": "whether the batch holds a server (track) through the stage "
            "(default true); false: passed before it queues for a server",
        },
        "dist": choice(DISTRIBUTIONS, "the distribution"),
        "mean": quantity(TIME, "mean duration", "6 h"),
        "cv": {
            **number("coefficient of variation (standard deviation / mean)"),
            "exclusiveMinimum": 0,
        },
        "low": quantity(TIME, "shortest duration", "1 h"),
        "high": quantity(TIME, "longest duration", "3 h"),
        "values": {
            "type": "array",
            "items": quantity(TIME, "a duration", "2 h"),
            "minItems": 1,
            "description": "durations drawn with equal weight",
        },
    },
    "link": {
        "kind": choice(LINK_KINDS, "how the link moves cargo"),
        "from": text("the node it starts at", non_empty=True),
        "to": text("the node it leads to", non_empty=True),
        "description": _DESCRIPTION,
        "delay": quantity(TIME, "time to hand each consignment over (default 0 h)", "1 day"),
        "distance": quantity("length", "length of the link", "600 km"),
        "speed": quantity("length/time", "average speed of a train", "30 km/h"),
        "travel_time": quantity(TIME, "time on the way (instead of distance and speed)", "20 h"),
        "train_capacity": per_class("what one train carries"),
        "max_wait": quantity(TIME, "a part-full train leaves after this (default 24 h)", "24 h"),
        "line_capacity": quantity("train/time", "trains a day in each direction", "20 train/day"),
        "background": Ref("background"),
        "track": Ref("track"),
        "fleet": Ref("vessel", "list", "the vessels shuttling between the two ports", 1),
        "load_factor": _load_factor("of every vessel of the link without its own"),
        "departure": Ref("departure"),
        "capacity": quantity(
            ("mass/time", "oil_volume/time"), "pipeline capacity", "1.2e6 bbl/day"
        ),
        "base_load": quantity(
            ("mass/time", "oil_volume/time"), "other shippers' flow, with priority", "0.6e6 bbl/day"
        ),
        "linefill": quantity(
            ("mass", "oil_volume"), "oil in the line: transit time = linefill / flow", "10e6 bbl"
        ),
        "transit_time": quantity(TIME, "time through the pipeline (instead of linefill)", "10 day"),
        "density": quantity(
            "oil_volume/mass", "oil density, to give the pipeline in barrels", "7.3 bbl/t"
        ),
    },
    "vessel": {
        "name": text("the ship's name (one ship)", non_empty=True),
        "type": text("a class of ships, with 'count'", non_empty=True),
        "count": count("ships of this type", 1, MAX_VESSELS),
        "berth": choice(BERTH_TYPES, "the berth type it uses at both ports"),
        "capacity": per_class("what the ship carries"),
        "speed": quantity("length/time", "service speed", "12 kn"),
        "home": choice(VESSEL_HOMES, "the port it starts at (default from)"),
        "maintenance": Ref("maintenance"),
        "draft": Ref("draft"),
        "load_factor": _load_factor("of this ship (instead of its draft)"),
    },
    "draft": {
        "design": quantity("length", "design (summer) draft", "4.5 m"),
        "deadweight": quantity("mass", "deadweight at the design draft", "5740 t"),
        "tpc": quantity("mass/length", "tonnes per centimetre immersion", "23.2 t/cm"),
        "tare": {
            "type": "object",
            "properties": {
                cls: quantity(f"mass/{unit}", f"tare of one {unit} of {cls} cargo", f"27 t/{unit}")
                for cls, unit in TARE_UNIT.items()
            },
            "additionalProperties": False,
            "description": "tare of the unit the cargo rides in (wagon, truck and trailer, "
            "box and its share of a flat wagon), by handling class",
        },
    },
    "track": {
        "kind": choice(TRACK_KINDS, "the kind of track"),
        "passing_loops": count(
            "loops where trains cross, dividing the line into equal "
            "sections (one more than the loops)",
            0,
            MAX_LOOPS,
        ),
        "loop_time": quantity(
            TIME,
            "station interval a train adds to its hold of each section: points, signals, "
            "entering the loop",
            "10 min",
        ),
    },
    "maintenance": {
        "every": quantity(TIME, "time between the starts of two maintenance periods", "365 day"),
        "duration": quantity(TIME, "time out of service each period", "14 day"),
    },
    "departure": {
        "max_wait": quantity(TIME, "a vessel sails this long after it is ready", "24 h"),
        "every": quantity(TIME, "scheduled departures, one each", "84 h"),
        "wait_at": choice(
            WAIT_AT, "where a vessel with cargo aboard waits for more (default anchorage)"
        ),
        "on_time_within": quantity(
            TIME,
            "a scheduled sailing is on time within this of its slot, early or late "
            "(default 24 h); needs 'every'",
            "24 h",
        ),
    },
    "flow": {
        "commodity": text("the commodity carried", non_empty=True),
        "origin": text("the node the cargo enters at", non_empty=True),
        "destination": text("the node the cargo leaves at", non_empty=True),
        "volume": quantity(
            tuple(d + "/time" for d in _CARGO),
            "yearly demand, in the commodity's unit, in t or in bbl",
            "56500 TEU/yr",
        ),
        "arrivals": Ref("arrivals"),
        "seasonality": _seasonality(),
        "route": _ROUTE,
        "via": names("links to use where several join the same two nodes"),
        "priority": choice(
            PRIORITIES, "loading order on vessels: scheduled before spot (default spot)"
        ),
        "booking": Ref("booking"),
        "empty_return": Ref("empty_return"),
        "routes": {
            "anyOf": [
                {"type": "array", "items": {"$ref": "#/definitions/route_option"}, "minItems": 1},
                {
                    "type": "object",
                    "properties": {"best": count("how many least expected-time routes", 1)},
                    "required": ["best"],
                    "additionalProperties": False,
                },
            ],
            "description": "alternative routes (instead of 'route'), the first the primary "
            "one, or {best: k} for the k least expected-time routes",
        },
        "choice": Ref("choice"),
        "outside": Ref("outside_option", "named", "competing corridors the cargo may take instead"),
        "description": _DESCRIPTION,
    },
    "route_option": {
        "route": {k: v for k, v in _ROUTE.items() if k != "anyOf"}
        | {"type": "array", "items": {"type": "string"}, "minItems": 2},
        "via": names("links to use where several join the same two nodes"),
        "label": text("the route's name in results (default: 'via' the nodes only it passes)"),
        "share": quantity("fraction", "fixed share (rule 'shares'), else nominal share", "60 %"),
    },
    "choice": {
        "rule": choice(CHOICE_RULES, "how each consignment picks its route"),
        "scale": quantity(
            TIME, "logit scale: the time difference that makes a route e times likelier", "2 day"
        ),
        "money": {
            "type": "boolean",
            "description": "compare generalised cost, not time alone: each route's tariffs "
            "and charges (costs section), and each outside option's cost, divided by the "
            "cargo's time_value and added to its time (default false)",
        },
    },
    "outside_option": {
        "transit": Ref("distribution"),
        "share": quantity("fraction", "fixed share under rule 'shares'", "10 %"),
        "cost": _money(
            "what a unit of the flow's commodity pays on it (USD/<unit>, USD/t or USD/bbl); "
            "needed with choice.money",
            "1800 USD/TEU",
        ),
        "description": _DESCRIPTION,
    },
    "empty_return": {
        "share": quantity("fraction", "share of the delivered units sent back empty", "100 %"),
        "tare": quantity("mass", "mass of one empty unit (wagon, TEU, truck)", "24 t"),
    },
    "booking": {
        "link": text("a sea link on the route with scheduled sailings ('every')", non_empty=True),
        "per_sailing": quantity(_CARGO, "room held for the flow on every sailing", "100 TEU"),
    },
    "arrivals": {
        "pattern": choice(ARRIVAL_PATTERNS, "how cargo arrives"),
        "size": quantity(_CARGO, "cargo in one arrival", "100 TEU"),
    },
    "disruption": {
        "kind": choice(DISRUPTION_KINDS, "the kind of disruption"),
        "elements": _ELEMENTS,
        "start": _CLOSURE_START,
        "duration": quantity(TIME, "how long it lasts", "10 day"),
        "closure_days_per_month": _closure_days(),
        "mean_episode": quantity(TIME, "mean length of a storm episode (exponential)", "2.5 day"),
        "mtbf": quantity(TIME, "mean time between failures (exponential)", "90 day"),
        "mttr": quantity(TIME, "mean time to repair (exponential)", "5 day"),
        "description": _DESCRIPTION,
    },
    "fleet_pool": {
        "lines": names("the sea links whose vessels form the pool; they share one port", 2),
        "review": quantity(TIME, "how often the operator reassigns a vessel", "7 day"),
        "description": _DESCRIPTION,
    },
    "locomotive_pool": {
        "lines": names("the rail links the pool's locomotives haul every train on", 1),
        "locomotives": quantity("locomotive", "locomotives in the fleet", "40 locomotive"),
        "availability": quantity(
            "fraction", "share of the fleet in service (the rest in maintenance)", "85 %"
        ),
        "turnaround": quantity(
            TIME, "time to turn a locomotive round after each run (hauled or light)", "4 h"
        ),
        "depot": text("node where the locomotives start and return when idle", non_empty=True),
        "description": _DESCRIPTION,
    },
    "wagon_pool": {
        "flows": names("the flows whose cargo rides the pool's wagons", 1),
        "load_at": text("node where the cargo is loaded onto the wagons", non_empty=True),
        "unload_at": {
            "anyOf": [
                text("node where the cargo comes off the wagons", non_empty=True),
                names("nodes where the cargo comes off the wagons", 1),
            ],
            "description": "node (or list of nodes) where the cargo comes off the wagons",
        },
        "wagons": quantity("wagon", "wagons in the fleet", "600 wagon"),
        "per_wagon": per_class("what one wagon carries (a wagon-class unit is one wagon)"),
        "empty_return": Ref("distribution"),
        "description": _DESCRIPTION,
    },
}


def _by_name(value: Fragment, meaning: str) -> Fragment:
    return {"type": "object", "additionalProperties": value, "description": meaning}


def _by_state(value: Fragment, meaning: str) -> Fragment:
    return {
        "type": "object",
        "properties": dict.fromkeys(FUEL_STATES, value),
        "additionalProperties": False,
        "description": f"{meaning}, by vessel state ({', '.join(FUEL_STATES)})",
    }


_PRICE = _money("price per unit (USD/TEU, USD/wagon), per tonne or per t/km", "450 USD/TEU")
COST_VALUES: dict[str, dict[str, Fragment | Ref]] = {
    "costs": {
        "currency": text("currency and price year of every amount, e.g. 'USD 2024'"),
        "carbon_price": _money("price of a tonne of CO2 (USD/t)", "0 USD/t"),
        "time_value": _by_name(
            _money("value of time per unit of cargo and day", "40 USD/TEU/day"),
            "time value of cargo, by commodity",
        ),
        "fuels": Ref("fuel", "named", "marine fuels, by name"),
        "rail_co2": {
            "type": "object",
            "properties": dict.fromkeys(
                TRACTIONS, text("CO2 per tonne-km, e.g. '0.022 kg/t/km'", non_empty=True)
            ),
            "additionalProperties": False,
            "description": "rail CO2 per tonne-km by traction",
        },
        "links": Ref("link_costs", "named", "tariffs of links, by link"),
        "nodes": Ref("node_costs", "named", "charges of nodes, by node"),
        "vessels": Ref("vessel_costs", "named", "fuel and operating costs of a sea link's vessels"),
        "locomotives": Ref("locomotive_costs", "named", "operating costs of locomotive pools"),
        "description": _DESCRIPTION,
    },
    "fuel": {
        "co2": text("t CO2 per t of fuel burnt, e.g. '3.114 t/t'", non_empty=True),
        "price": _money("price per tonne", "600 USD/t"),
    },
    "link_costs": {
        "tariff": _by_name(_PRICE, "tariff by commodity"),
        "distance": quantity("length", "length for prices per t/km and emissions", "400 km"),
        "traction": choice(TRACTIONS, "a rail link's traction, for its CO2"),
        "description": _DESCRIPTION,
    },
    "node_costs": {
        "charge": _by_name(_PRICE, "charge per unit handled, by commodity"),
        "per_call": _money("ship's dues per vessel call (an operator cost)", "3000 USD"),
        "description": _DESCRIPTION,
    },
    "vessel_costs": {
        "fuel": text("the fuel burnt, a name in costs.fuels", non_empty=True),
        "burn": _by_state(text("fuel burnt, e.g. '8 t/day'", non_empty=True), "fuel burn"),
        "operating": _by_state(_money("operating cost", "9000 USD/day"), "operating cost"),
        "description": _DESCRIPTION,
    },
    "locomotive_costs": {
        "busy": _money("cost per locomotive-day busy", "2500 USD/day"),
        "idle": _money("cost per locomotive-day idle in service", "600 USD/day"),
        "description": _DESCRIPTION,
    },
}
VALUES.update(COST_VALUES)

#: context -> what a mapping of that kind is
MEANING: dict[str, str] = {
    "costs": "prices in one currency and price year, fuel burn and emission factors; the "
    "shipper's cost adds tariffs, charges, time value and carbon (docs/scenario_format.md)",
    "fuel": "a marine fuel: its CO2 factor and price",
    "link_costs": "a link's tariffs, and its distance and traction for emissions",
    "node_costs": "a node's charges per unit and, for a port, per vessel call",
    "vessel_costs": "the fuel, burn and operating cost by state of a sea link's vessels",
    "locomotive_costs": "a locomotive pool's operating cost per locomotive-day",
    "scenario": "a scenario: a network, its commodities, flows and disruptions",
    "simulation": "time settings: calendar start, horizon, warm-up, seed",
    "commodity": "a kind of cargo",
    "node": "a place where cargo waits and is handled; the keys allowed depend on 'kind'",
    "distribution": "a duration: a fixed time ('4.25 h') or {dist: ..., mean: ...}",
    "dwell_stage": "one stage of a node's dwell: its name and distribution, and whether "
    "the batch holds a server through it",
    "link": "what moves cargo between two nodes; the keys allowed depend on 'kind'",
    "track": "a rail line's track: 'double' (the default) or "
    "{kind: single, passing_loops: ..., loop_time: ...}, whose sections both directions share",
    "formalities": "border, customs and sanitary clearance per call, spent on the berth: "
    "a duration or distribution on 'arrival' and on 'departure'",
    "entry_window": "the hours of each day vessels may enter the port to berth",
    "water_depth": "the port's depth on a date and its yearly trend: 'depth' less "
    "'under_keel', or the permissible 'draft', is the deepest a vessel may float",
    "draft": "what a ship may load by its draft: its deadweight at the design draft, less "
    "'tpc' for each centimetre the ports' depth keeps it shallower",
    "vessel": "a ship, or 'count' ships of one 'type', of a sea link's fleet",
    "maintenance": "scheduled maintenance (drydock): 'duration' out of service every "
    "'every', staggered over the link's fleet",
    "departure": "when a vessel sails: 'max_wait' after it is ready, and/or 'every'; "
    "'wait_at' says where it waits meanwhile",
    "flow": "a stream of cargo from an origin to a destination",
    "arrivals": "how cargo arrives: one unit at a time (poisson) or in batches of 'size'",
    "empty_return": "empty units sent back from the destination to the origin as each "
    "delivery arrives: 'share' of the units, each of mass 'tare'",
    "route_option": "one of a flow's routes: the nodes it passes and, where several links "
    "join two of them, 'via'",
    "choice": "how a flow's consignments pick a route at the nodes where its routes part",
    "outside_option": "a competing corridor outside the model: its door-to-door time and "
    "what a unit pays on it",
    "embargo": "acceptance control of one handling class at a node (hysteresis)",
    "background": "other (non-corridor) trains taking servers and quota at a node, or "
    "departure slots in each direction of a rail line: 'trains', or 'tonnes' and 'per_train'",
    "booking": "room a flow books on every scheduled sailing of a sea link, held for it "
    "until the vessel sails (what it does not fill sails empty)",
    "disruption": "a closure, weather or failures; the keys allowed depend on 'kind'",
    "fleet_pool": "one operator's fleet over several sea lines sharing a port (the hub): "
    "every 'review' one vessel moves to the line that would take longest to clear its backlog",
    "wagon_pool": "a fleet of wagons: cargo of its 'flows' leaving 'load_at' waits there "
    "for wagons (first come, first served), comes off them at 'unload_at', and they take "
    "'empty_return' to be free at 'load_at' again",
    "locomotive_pool": "a railway's locomotives: every train on its 'lines' needs one free "
    "at its node; it hauls the train, is turned round, and hauls a train waiting there, "
    "runs light to one waiting elsewhere, or returns light to the 'depot'",
}


def double_track() -> Fragment:
    """A track written as plain text: ``double``."""
    return {"enum": ["double"], "description": "a track in each direction (the default)"}


def fixed_duration() -> Fragment:
    """A distribution written as a plain duration (deterministic)."""
    return quantity(TIME, "a fixed duration", "4.25 h")

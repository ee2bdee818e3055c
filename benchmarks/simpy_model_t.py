"""Model T hand-written in plain SimPy: a process per customer, a Resource per station."""

from __future__ import annotations

import random

import simpy

STATIONS = [(2, 1.6), (1, 0.8), (3, 2.5), (1, 0.9)]  # (servers, mean service h)


def run(customers: int = 200_000, seed: int = 1) -> list[float]:
    """Simulate ``customers`` arrivals; return the mean wait in queue per station, h."""
    rnd = random.Random(seed)
    env = simpy.Environment()
    stations = [(simpy.Resource(env, c), 1.0 / m) for c, m in STATIONS]
    waits = [0.0] * len(STATIONS)
    done = [0]

    def customer():  # type: ignore[no-untyped-def]
        for i, (resource, rate) in enumerate(stations):
            arrived = env.now
            with resource.request() as request:
                yield request
                waits[i] += env.now - arrived
                yield env.timeout(rnd.expovariate(rate))
        done[0] += 1

    def source():  # type: ignore[no-untyped-def]
        for _ in range(customers):
            yield env.timeout(rnd.expovariate(1.0))
            env.process(customer())

    env.process(source())
    env.run()
    return [w / done[0] for w in waits]

"""Model T in Ciw (an open queueing network library)."""

from __future__ import annotations

import ciw

STATIONS = [(2, 1.6), (1, 0.8), (3, 2.5), (1, 0.9)]


def run(hours: float = 200_000.0, seed: int = 1) -> list[float]:
    """Simulate ``hours`` of Model T; return the mean wait in queue per station, h."""
    n = len(STATIONS)
    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=1.0)] + [None] * (n - 1),
        service_distributions=[ciw.dists.Exponential(rate=1.0 / m) for _, m in STATIONS],
        number_of_servers=[c for c, _ in STATIONS],
        routing=[[1.0 if j == i + 1 else 0.0 for j in range(n)] for i in range(n)],
    )
    ciw.seed(seed)
    sim = ciw.Simulation(network)
    sim.simulate_until_max_time(hours)
    records = sim.get_all_records()
    waits = [[] for _ in range(n)]
    for r in records:
        waits[r.node - 1].append(r.waiting_time)
    return [sum(w) / len(w) for w in waits]

"""Maximum flow and minimum cut of the corridor's capacity graph.

Every node and every link direction becomes a capacitated edge ``x:in -> x:out`` (node
splitting, so that node capacities count); uncapacitated edges join a node's ``out`` to
its links' ``in`` and a link's ``out`` to the next node's ``in``. A super-source feeds
the origins and the destinations drain into a super-sink. The maximum flow is computed
with :func:`scipy.sparse.csgraph.maximum_flow` on integer capacities (tonnes a year
scaled so that the total fits in 30 bits, a relative error below 1e-8), and the minimum
cut is read from the residual graph: the capacitated edges from the part reachable from
the source to the rest.

Flows in both directions. A node that is both an origin (of one flow) and a destination
(of another), such as Poti with westbound and eastbound flows, would join the
super-source to the super-sink through no capacity at all: "any origin to any
destination" is then infinite and says nothing. :func:`max_flow` therefore refuses
origins that are also destinations, and :func:`flow_groups` splits the flows into groups
in which no flow's origin is another flow's destination (a greedy colouring of that
conflict graph, in the order the flows are given; in the corridor it gives a westbound
and an eastbound group). Each group has its own maximum flow and minimum cut. They are
bounds for each group alone, on the capacity graph in which each direction of a link
has the link's capacity: they do not add up to a bound for all flows at once, which
share the nodes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_array
from scipy.sparse.csgraph import breadth_first_order, maximum_flow

SOURCE, SINK = "<source>", "<sink>"


@dataclass(frozen=True)
class FlowCut:
    """A maximum flow (t/yr; inf if an uncapacitated path exists) and a minimum cut (the
    element names whose capacities add up to it)."""

    value: float
    cut: tuple[str, ...]


def flow_groups(pairs: Sequence[tuple[str, str]]) -> list[list[int]]:
    """Split flows, given as ``(origin, destination)``, into groups in which no origin is
    a destination; returns the indices of each group's flows, groups in order of their
    first flow. Greedy: each flow joins the first group it does not conflict with.

    >>> flow_groups([("a", "b"), ("b", "a"), ("c", "b"), ("b", "c")])
    [[0, 2], [1, 3]]
    """
    groups: list[tuple[list[int], set[str], set[str]]] = []
    for i, (origin, destination) in enumerate(pairs):
        if origin == destination:
            raise ValueError(f"a flow from {origin!r} to itself has no maximum flow")
        fits = (g for g in groups if origin not in g[2] and destination not in g[1])
        group = next(fits, None)
        if group is None:
            group = ([], set(), set())
            groups.append(group)
        group[0].append(i)
        group[1].add(origin)
        group[2].add(destination)
    return [members for members, _, _ in groups]


def max_flow(
    capacity: Mapping[str, float],
    arcs: Iterable[tuple[str, str, str]],
    origins: Iterable[str],
    destinations: Iterable[str],
) -> FlowCut:
    """Maximum flow from ``origins`` to ``destinations``.

    ``capacity`` maps every node and link to its capacity (t/yr, ``inf`` for none, 0 to
    leave it out); ``arcs`` lists ``(link, from node, to node)`` for each direction a
    link may be used in. No origin may also be a destination (see :func:`flow_groups`).

    >>> cap = {"a": math.inf, "b": math.inf, "m": 5.0, "l1": 3.0, "l2": 9.0}
    >>> max_flow(cap, [("l1", "a", "m"), ("l2", "m", "b")], ["a"], ["b"])
    FlowCut(value=3.0, cut=('l1',))
    """
    origins, destinations = set(origins), set(destinations)
    if both := origins & destinations:
        raise ValueError(
            f"{', '.join(sorted(both))}: both an origin and a destination, so the maximum "
            "flow would be infinite; split the flows with flow_groups()"
        )
    arcs = list(arcs)
    links = {arc[0] for arc in arcs}
    edges: list[tuple[str, str, float, str | None]] = [
        (f"{node}:in", f"{node}:out", cap, node)
        for node, cap in capacity.items()
        if node not in links
    ]
    for link, a, b in arcs:
        lane = f"{link}:{a}>{b}"  # each direction of a link is its own edge
        edges.append((f"{a}:out", f"{lane}:in", math.inf, None))
        edges.append((f"{lane}:in", f"{lane}:out", capacity.get(link, 0.0), link))
        edges.append((f"{lane}:out", f"{b}:in", math.inf, None))
    edges += [(SOURCE, f"{o}:in", math.inf, None) for o in origins]
    edges += [(f"{d}:out", SINK, math.inf, None) for d in destinations]
    edges = [e for e in edges if e[2] > 0]
    names = sorted({e[0] for e in edges} | {e[1] for e in edges} | {SOURCE, SINK})
    index = {n: i for i, n in enumerate(names)}
    s, t = index[SOURCE], index[SINK]
    if _reachable(edges, index, s, only_infinite=True)[t]:
        return FlowCut(math.inf, ())
    finite = sum(e[2] for e in edges if math.isfinite(e[2]))
    if finite <= 0:
        return FlowCut(0.0, ())
    scale = 2**30 / finite
    big = 2**30 + 1
    rows = [index[e[0]] for e in edges]
    cols = [index[e[1]] for e in edges]
    caps = [int(e[2] * scale) if math.isfinite(e[2]) else big for e in edges]
    n = len(names)
    graph = csr_array((np.array(caps, dtype=np.int32), (rows, cols)), shape=(n, n))
    graph.sort_indices()
    result = maximum_flow(graph, s, t)
    residual = graph.astype(np.int64) - result.flow.astype(np.int64)
    residual.data[residual.data < 0] = 0
    residual.eliminate_zeros()
    seen = np.zeros(n, dtype=bool)
    seen[breadth_first_order(residual, s, directed=True, return_predecessors=False)] = True
    cut = sorted({e[3] for e in edges if e[3] and seen[index[e[0]]] and not seen[index[e[1]]]})
    value = sum(e[2] for e in edges if e[3] and seen[index[e[0]]] and not seen[index[e[1]]])
    return FlowCut(float(value), tuple(cut))


def _reachable(
    edges: list[tuple[str, str, float, str | None]],
    index: dict[str, int],
    start: int,
    *,
    only_infinite: bool,
) -> np.ndarray:
    n = len(index)
    pairs = [(index[a], index[b]) for a, b, cap, _ in edges if not only_infinite or math.isinf(cap)]
    seen = np.zeros(n, dtype=bool)
    if not pairs:
        seen[start] = True
        return seen
    rows, cols = zip(*pairs, strict=True)
    graph = csr_array((np.ones(len(pairs)), (rows, cols)), shape=(n, n))
    seen[breadth_first_order(graph, start, directed=True, return_predecessors=False)] = True
    return seen

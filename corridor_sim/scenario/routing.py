"""Routes: which links a commodity may use, and the shortest expected-time path."""

from __future__ import annotations

import itertools

import networkx as nx
from scipy.sparse import csr_array
from scipy.sparse.csgraph import dijkstra

from corridor_sim.model.cargo import Commodity
from corridor_sim.model.network import LinkSpec, NodeSpec, PipelineLink
from corridor_sim.model.routes import joins, refusal

__all__ = ["best_paths", "carries", "joins", "shortest_path"]


def carries(link: LinkSpec, commodity: Commodity, nodes: dict[str, NodeSpec]) -> str | None:
    """Why ``link`` cannot carry ``commodity`` (None if it can); the rule is the model's
    (:func:`corridor_sim.model.routes.refusal`)."""
    return refusal(link, commodity.handling, nodes)


def shortest_path(
    origin: str,
    destination: str,
    commodity: Commodity,
    nodes: dict[str, NodeSpec],
    links: dict[str, LinkSpec],
) -> tuple[str, ...]:
    """Nodes and links of the least expected-time route, or () if there is none."""
    names = list(nodes)
    index = {n: i for i, n in enumerate(names)}
    best: dict[tuple[int, int], tuple[float, str]] = {}
    for link in links.values():
        if carries(link, commodity, nodes):
            continue
        cost = max(link.expected_time_h(), 1e-6)  # zero weights vanish in a sparse graph
        pairs = [(link.origin, link.destination)]
        if not isinstance(link, PipelineLink):
            pairs.append((link.destination, link.origin))
        for a, b in pairs:
            key = (index[a], index[b])
            if key not in best or cost < best[key][0]:
                best[key] = (cost, link.name)
    if not best:
        return ()
    rows, cols = zip(*best, strict=True)
    weights = [best[k][0] for k in best]
    graph = csr_array((weights, (rows, cols)), shape=(len(names), len(names)))
    _, pred = dijkstra(graph, indices=index[origin], return_predecessors=True)
    target = index[destination]
    if target != index[origin] and pred[target] < 0:
        return ()
    path: list[str] = [destination]
    node = target
    while node != index[origin]:
        prev = int(pred[node])
        path[:0] = [names[prev], best[(prev, node)][1]]
        node = prev
    return tuple(path)


def best_paths(
    origin: str,
    destination: str,
    commodity: Commodity,
    nodes: dict[str, NodeSpec],
    links: dict[str, LinkSpec],
    k: int,
) -> list[tuple[str, ...]]:
    """The ``k`` least expected-time loopless routes (Yen's algorithm, networkx's
    ``shortest_simple_paths``), best first; between two nodes each uses the fastest link
    that carries ``commodity``. Fewer if fewer exist."""
    graph = nx.DiGraph()
    for link in links.values():
        if carries(link, commodity, nodes):
            continue
        cost = link.expected_time_h()
        pairs = [(link.origin, link.destination)]
        if not isinstance(link, PipelineLink):
            pairs.append((link.destination, link.origin))
        for a, b in pairs:
            if not graph.has_edge(a, b) or cost < graph[a][b]["weight"]:
                graph.add_edge(a, b, weight=cost, link=link.name)
    if origin not in graph or destination not in graph:
        return []
    try:
        found = list(
            itertools.islice(
                nx.shortest_simple_paths(graph, origin, destination, weight="weight"), k
            )
        )
    except nx.NetworkXNoPath:
        return []
    out = []
    for node_path in found:
        path: list[str] = [node_path[0]]
        for a, b in itertools.pairwise(node_path):
            path += [graph[a][b]["link"], b]
        out.append(tuple(path))
    return out

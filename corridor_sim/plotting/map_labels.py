"""Node labels on the network map, placed so that none overlaps another.

Nodes a few kilometres apart (a border crossing and its twin across the line, a port
and the oil terminal beside it) would put their labels on top of each other. Each label
tries spots around its node, nearest first, in eight directions and at growing
distances, and takes the best free one: inside the map, clear of every label already
placed and every node marker, over as few link lines as possible. A label set away from
its node gets a thin leader line back to it. Crowded nodes choose first.

A force-directed layout (adjustText) was tried first: on the 2024 corridor it left two
labels overlapping with some settings and moved others 5 degrees from their nodes; this
search cannot leave an overlap while a free spot exists, and keeps labels close.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

FONT_PT = 7.0
MARKER_PT = 3.0  # half the width of a node marker (s=28 pt², white edge included)
RADII_PT = (1.5, 9.0, 17.0, 27.0, 40.0, 55.0)  # distances tried, nearest first
LEADER_FROM_PT = 8.0  # a label further than this from its node gets a leader line
NEAR_PT = 3.0  # a label this close to another node's marker might seem to name it
LINE_COST = 1.0  # per point of a link line under a label, against 1 per point of distance
LEADER_COST = 12.0  # a label far enough to need a leader line costs this many points more
NEAR_COST = 4.0  # per other node's marker near a label
ROUNDS = 3  # passes over the labels: the first places them, the others improve
DIRECTIONS = ((1, 0), (1, 1), (-1, 1), (-1, 0), (1, -1), (-1, -1), (0, 1), (0, -1))  # E first
HALO = [patheffects.withStroke(linewidth=2.2, foreground="white")]
LEADER = {"arrowstyle": "-", "color": "#404040", "lw": 0.6, "shrinkA": 1, "shrinkB": 2}

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in points on the figure


@dataclass
class _Scene:
    """What a label must not cover (``fixed``: texts already there; ``markers``: node
    centres; the other labels and their leader lines, by node in ``placed``) and had
    rather not (``lines``: points of link lines); points on the figure, in ``frame``."""

    frame: np.ndarray
    markers: np.ndarray
    lines: np.ndarray
    fixed: list[Box]
    placed: dict[int, tuple[Box, np.ndarray | None]] = field(default_factory=dict)

    def cost(self, node: int, r: float, leader: np.ndarray | None, box: Box) -> float:
        """Cost of ``box`` as the label of marker ``node``, ``r`` points from it: huge for
        a clash or a spot outside the map, else its distance, a leader line, the link
        lines it covers and how near it comes to another node (which it might seem to
        name)."""
        others = [v for k, v in self.placed.items() if k != node]
        boxes = self.fixed + [b for b, _ in others]
        clash = sum(_overlap(box, b) for b in boxes)
        clash += sum(_covered(p, box) for _, p in others if p is not None)
        markers = np.delete(self.markers, node, axis=0)
        clash += _covered(markers, box, MARKER_PT)
        if leader is not None:
            clash += sum(_covered(leader, b) for b in boxes)
        f = self.frame
        inside = f[0] <= box[0] and box[2] <= f[2] and f[1] <= box[1] and box[3] <= f[3]
        near = _covered(markers, box, MARKER_PT + NEAR_PT)
        soft = r + LEADER_COST * (leader is not None) + NEAR_COST * near
        return 1e6 * (clash + (not inside)) + soft + LINE_COST * _covered(self.lines, box)


def draw_labels(
    ax: Axes, nodes: pd.DataFrame, names: Mapping[str, str], avoid: np.ndarray | None = None
) -> list[Annotation]:
    """Label each node of ``nodes`` (indexed by name, with ``lon``/``lat``) with
    ``names[name]`` so that no two labels overlap, nor a label and a text already on the
    axes (the names of seas) or a leader line; ``avoid`` holds (lon, lat) points of link
    lines that labels should rather not cover. Returns the labels.

    Each label in turn, crowded nodes first, takes its best spot given those placed;
    then each is moved to its best spot given all the others, for a few rounds.
    Call it last: it fixes the figure's layout first, so positions are final.
    """
    if nodes.empty:
        return []
    fig = cast(Figure, ax.figure)
    fig.draw_without_rendering()
    to_pt = 72.0 / fig.dpi
    lon_lat = nodes[["lon", "lat"]].to_numpy(float)
    xy = ax.transData.transform(lon_lat) * to_pt
    scene = _Scene(
        frame=np.asarray(ax.get_window_extent().extents) * to_pt,
        markers=xy,
        lines=np.empty((0, 2)) if avoid is None else ax.transData.transform(avoid) * to_pt,
        fixed=[_box(np.asarray(t.get_window_extent().extents) * to_pt) for t in ax.texts],
    )
    texts = [names.get(str(n), str(n)) for n in nodes.index]
    sizes = [_size(ax, text, to_pt) for text in texts]
    offsets: dict[int, Box] = {}
    order = _crowded_first(xy)
    for _ in range(ROUNDS):
        for i in order:
            offsets[i], box, leader = _best_spot(scene, i, sizes[i])
            scene.placed[i] = (box, leader)
    return [
        _annotate(ax, str(node), texts[i], lon_lat[i], offsets[i])
        for i, node in enumerate(nodes.index)
    ]


def _size(ax: Axes, text: str, to_pt: float) -> tuple[float, float]:
    """Width and height (points) of ``text`` as a label."""
    probe = ax.text(0, 0, text, fontsize=FONT_PT)
    box = probe.get_window_extent()
    probe.remove()
    return box.width * to_pt + 2.0, box.height * to_pt  # + the halo


def _crowded_first(xy: np.ndarray) -> list[int]:
    """Node indices, those with most neighbours within 40 points first (then in order)."""
    dist = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    crowd = (dist < 40.0).sum(axis=1)
    return sorted(range(len(xy)), key=lambda i: (-crowd[i], i))


def _candidates(node: np.ndarray, size: tuple[float, float]) -> list[tuple[float, Box, Box]]:
    """(distance, offset (dx, dy, ux, uy), label box) of every spot to try, nearest
    first; (ux, uy) is the direction, which sets the text's alignment."""
    w, h = size
    out: list[tuple[float, Box, Box]] = []
    for r in RADII_PT:
        for ux, uy in DIRECTIONS:
            k = r / np.hypot(ux, uy)
            dx, dy = ux * (k + MARKER_PT * abs(ux)), uy * (k + MARKER_PT * abs(uy))
            x, y = node[0] + dx, node[1] + dy
            x0 = x if ux > 0 else x - w if ux < 0 else x - w / 2
            y0 = y if uy > 0 else y - h if uy < 0 else y - h / 2
            out.append((r, (float(dx), float(dy), ux, uy), _box((x0, y0, x0 + w, y0 + h))))
    return out


def _leader(node: np.ndarray, offset: Box, box: Box) -> np.ndarray | None:
    """Points along the leader line from ``node`` to its label ``box`` (None if the label
    is close enough to need none)."""
    if np.hypot(offset[0], offset[1]) <= LEADER_FROM_PT:
        return None
    end = np.array([(box[0] + box[2]) / 2, (box[1] + box[3]) / 2])
    points = node + np.linspace(0.15, 1.0, 24)[:, None] * (end - node)
    return points[np.array([_covered(p[None, :], box) == 0 for p in points])]


def _best_spot(
    scene: _Scene, node: int, size: tuple[float, float]
) -> tuple[Box, Box, np.ndarray | None]:
    """The lowest-cost spot for the label of marker ``node``: (offset, box, leader)."""
    at = scene.markers[node]
    best: tuple[float, Box, Box, np.ndarray | None] = (np.inf, (0.0, 0.0, 1, 1), (0.0,) * 4, None)
    for order, (r, offset, box) in enumerate(_candidates(at, size)):
        leader = _leader(at, offset, box)
        cost = scene.cost(node, r, leader, box) + 0.01 * order
        if cost < best[0]:
            best = (cost, offset, box, leader)
    return best[1], best[2], best[3]


def _covered(points: np.ndarray, box: Box, pad: float = 0.0) -> int:
    """How many of ``points`` lie in ``box`` grown by ``pad`` on every side."""
    if not len(points):
        return 0
    x, y = points[:, 0], points[:, 1]
    inside = (x > box[0] - pad) & (x < box[2] + pad) & (y > box[1] - pad) & (y < box[3] + pad)
    return int(inside.sum())


def _overlap(a: Box, b: Box) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return max(w, 0.0) * max(h, 0.0)


def _annotate(ax: Axes, node: str, text: str, at: np.ndarray, offset: Box) -> Annotation:
    """The label ``text`` of ``node`` at (lon, lat) ``at``, ``offset`` points from it,
    with a leader line if far."""
    dx, dy, ux, uy = offset
    far = np.hypot(dx, dy) > LEADER_FROM_PT
    label = ax.annotate(
        text, (float(at[0]), float(at[1])), xytext=(dx, dy), textcoords="offset points",
        fontsize=FONT_PT,
        ha="left" if ux > 0 else "right" if ux < 0 else "center",
        va="bottom" if uy > 0 else "top" if uy < 0 else "center",
        color="#202020", zorder=7, path_effects=HALO, gid=f"label:{node}",
        arrowprops=LEADER if far else None, annotation_clip=False,
    )  # fmt: skip
    label.set_in_layout(False)
    return label


def _box(values: Any) -> Box:
    x0, y0, x1, y1 = (float(v) for v in values)
    return x0, y0, x1, y1


def text_box(label: Text, renderer: RendererBase | None = None) -> Bbox:
    """The box (pixels) of a label's text alone; an annotation's own box also holds its
    leader line."""
    renderer = renderer or cast(Figure, label.figure)._get_renderer()  # type: ignore[attr-defined]
    if isinstance(label, Annotation):
        label.update_positions(renderer)
    return Text.get_window_extent(label, renderer)


def node_labels(ax: Axes) -> list[Text]:
    """The node labels :func:`draw_labels` put on ``ax``."""
    return [t for t in ax.texts if (t.get_gid() or "").startswith("label:")]


def overlaps(texts: list[Text]) -> list[tuple[str, str]]:
    """Pairs of labels whose text boxes (leader lines left out) overlap on the drawn
    figure: none, once placed."""
    if not texts:
        return []
    renderer = cast(Figure, texts[0].figure)._get_renderer()  # type: ignore[attr-defined]
    boxes = [text_box(t, renderer) for t in texts]
    out = []
    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            if a.overlaps(boxes[j]):
                out.append((texts[i].get_text(), texts[j].get_text()))
    return out

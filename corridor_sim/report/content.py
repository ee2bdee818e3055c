"""Fixed text of the HTML report: its style sheet, figure captions, the ranking method."""

from __future__ import annotations

CAPTIONS = {
    "network_map": "Nodes at their longitude and latitude. Link width: throughput over the "
    "statistics period (t/day); colour: utilisation (grey where the scenario sets no capacity "
    "for the link, such as a rail line without a line capacity). The binding element is "
    "outlined in vermillion.",
    "network_map_zoom": "The same map around the binding element.",
    "utilisation": "Share of each element's capacity in use over the statistics period, "
    "highest first; the binding element in vermillion. Elements without a capacity "
    "(origins, plain transfers, rail lines without a line capacity) are not shown.",
    "queues": "Cargo waiting at the elements with the largest mean queue, daily means of the "
    "6-hourly samples, over the whole run (warm-up shaded grey, winters blue).",
    "throughput": "Weekly throughput of the binding element by commodity (t/day, weekly "
    "mean). Dashed: its analytic capacity (corridor_sim.capacity; without the scenario, its "
    "stated capacity or throughput ÷ utilisation).",
    "transit_times": "Distribution of door-to-door transit times of the cargo delivered in "
    "the statistics period, per flow; white dot: median, black bar: 95th percentile.",
    "time_split": "Mean days per unit delivered, stage by stage in route order: waiting "
    "(for a vessel, a train to fill, a berth, the weather) versus moving or being handled.",
}

METHOD = (
    "Score = utilisation + wait share + min(1, backlog growth / 7 days). Utilisation: share "
    "of the element's capacity in use; backlog growth: least-squares rise of its queue over "
    "the run in days of its own throughput; wait share: share of all delivered cargo's "
    "transit time (tonne-hours) spent waiting at it."
)

CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: #1d1d1d; background: #fafafa; margin: 0; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 64px; background: #fff; }
h1 { font-size: 26px; margin: 8px 0 4px; }
h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
.meta { color: #555; font-size: 13px; margin: 4px 0; }
.verdict { border-left: 6px solid #D55E00; background: #fdf1ea; padding: 4px 16px 10px;
           margin: 20px 0; }
.verdict h2 { border: none; margin-top: 8px; }
.verdict p:first-of-type { font-size: 17px; font-weight: 600; }
table { border-collapse: collapse; font-size: 13px; margin: 8px 0; width: 100%; }
th, td { padding: 3px 8px; border-bottom: 1px solid #e6e6e6; text-align: left; }
th { background: #f2f2f2; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 24px 0; }
figure img { max-width: 100%; height: auto; display: block; }
figcaption { color: #444; font-size: 13px; margin-top: 4px; }
details { margin: 8px 0; }
summary { cursor: pointer; font-weight: 600; }
pre { font-size: 12px; line-height: 1.35; background: #f7f7f7; padding: 12px;
      overflow-x: auto; border: 1px solid #e6e6e6; }
.ref { color: #00703c; }
.est { color: #a05a00; }
.note { color: #666; }
"""

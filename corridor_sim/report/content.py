"""Fixed text of the HTML report: its style sheet, figure captions, the ranking method."""

from __future__ import annotations

CAPTIONS = {
    "network_map": "Nodes at their longitude and latitude, named by their labels. Links with "
    "a capacity: width = throughput over the statistics period (t/day), colour = "
    "utilisation. Links without one (plain transfers, rail lines without a line capacity) "
    "are thin grey lines whatever they carry: they cannot be the bottleneck. The binding "
    "element is outlined in vermillion.",
    "network_map_zoom": "The same map around the binding element.",
    "utilisation": "Share of each element's capacity in use over the statistics period, "
    "highest first, each named with its capacity (t/day); the binding element in "
    "vermillion. Elements without a capacity (origins, plain transfers, rail lines without "
    "a line capacity) are not shown.",
    "queues": "Cargo waiting at the elements with the largest mean queue (not necessarily "
    "the most utilised: cargo also waits for a train to fill or a vessel to call), daily "
    "means of the 6-hourly samples, over the whole run (warm-up shaded grey, winters blue); "
    "the legend gives each element's utilisation.",
    "throughput": "Weekly throughput of the binding element by commodity (t/day, weekly "
    "mean). Dashed: its capacity, the same number as in the ranking table: the analytic "
    "effective capacity, a year average that counts weather closures and failures, so "
    "weeks of open weather can run above it. Dotted: its mean throughput over the "
    "statistics period of this sample path.",
    "transit_times": "Distribution of door-to-door transit times of the cargo delivered in "
    "the statistics period, per flow; white dot: median, black bar: 95th percentile.",
    "time_split": "Mean days per unit delivered, stage by stage in route order: waiting "
    "(for a vessel, a train to fill, a berth, the weather) versus moving or being handled.",
}

FIGURE_TITLES = {
    "network_map": "Map: flow and utilisation",
    "network_map_zoom": "Map around the binding element",
    "utilisation": "Utilisation of each element",
    "queues": "Largest mean queues over time",
    "throughput": "Throughput of the binding element",
    "transit_times": "Transit times per flow",
    "time_split": "Where the transit time goes",
}

FLOWS_NOTE = (
    "Offered = arrived during the statistics period; delivered also counts cargo that "
    "arrived during the warm-up. Units are each flow's natural unit."
)

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
.wide { overflow-x: auto; }
table { border-collapse: collapse; font-size: 13px; margin: 8px 0; width: 100%; }
table.headline { width: auto; min-width: 50%; }
th, td { padding: 3px 7px; border-bottom: 1px solid #e6e6e6; text-align: left; }
th { background: #f2f2f2; font-weight: 600; vertical-align: bottom; }
td { white-space: nowrap; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: normal; }
figure { margin: 24px 0; }
figure img { max-width: 100%; height: auto; display: block; }
figcaption { color: #444; font-size: 13px; margin-top: 4px; }
details { margin: 8px 0; }
summary { cursor: pointer; font-weight: 600; }
pre.yaml { font-size: 12px; line-height: 1.35; background: #f7f7f7; padding: 12px;
           border: 1px solid #e6e6e6; white-space: pre-wrap; overflow-wrap: anywhere; }
.sample { border-left: 6px solid #8c8c8c; background: #f2f2f2; padding: 6px 12px;
          font-size: 14px; }
.answer { border-left: 6px solid #0072B2; background: #eaf3fa; padding: 6px 12px;
          font-size: 14px; }
figcaption .which { font-weight: 600; color: #1d1d1d; }
nav.toc { background: #f7f7f7; border: 1px solid #e6e6e6; padding: 4px 20px 10px;
          margin: 16px 0; font-size: 14px; }
nav.toc h2 { border: none; margin: 8px 0 4px; font-size: 16px; }
nav.toc ol { margin: 0; padding-left: 1.4em; }
nav.toc ol ol { list-style: lower-alpha; }
.src { color: #00703c; }
.src a { color: inherit; }
.est { color: #a0400a; font-style: italic; }
.est a { color: inherit; }
.note { color: #666; }
.missing { color: #b00020; font-weight: 600; }
ol.sources { font-size: 13px; padding-left: 1.6em; }
ol.sources li { margin: 3px 0; }
ol.sources li:target { background: #fff4c2; }
"""

"""The report page: a Jinja2 template (values escaped unless marked safe) and its render."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, StrictUndefined

ENV = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
ENV.globals["zip"] = zip

TEMPLATE = ENV.from_string(
    """{% macro table(t, kind="") %}
<div class="wide"><table{% if kind %} class="{{ kind }}"{% endif %}><thead><tr>
{%- for c, numeric in zip(t.columns, t.numeric) -%}
  <th{% if numeric %} class="num"{% endif %}>{{ c }}</th>
{%- endfor -%}
</tr></thead><tbody>
{% for row in t.rows %}<tr>
  {%- for text, numeric in row -%}
    <td{% if numeric %} class="num"{% endif %}>{{ text }}</td>
  {%- endfor -%}
</tr>
{% endfor %}</tbody></table></div>
{% endmacro %}
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title><style>{{ css | safe }}</style></head>
<body><main>
<h1>{{ title }}</h1>
{% if description %}<p class="meta">{{ description }}</p>{% endif %}
<p class="meta">{{ period }}</p>
<p class="{{ banner_kind }}">{{ banner }}</p>
<nav class="toc" aria-label="Contents"><h2 id="contents">Contents</h2><ol>
{% for entry in toc %}
<li><a href="#{{ entry.id }}">{{ entry.title }}</a>
{% if entry.children %}<ol>{% for child in entry.children %}
<li><a href="#{{ child.id }}">{{ child.title }}</a></li>{% endfor %}</ol>{% endif %}
</li>
{% endfor %}
</ol></nav>
<section class="verdict" id="verdict"><h2>Verdict</h2><p>{{ verdict }}</p>
<p class="meta">{{ balance }}</p></section>
<section id="headline"><h2>Headline</h2>{{ table(headline, "headline") }}
{% if cells %}<p class="meta">{{ cells }}</p>{% endif %}</section>
<section id="flows"><h2>Flows</h2>{{ table(flows) }}
<p class="meta">{{ flows_note }}{{ " " + cells if cells else "" }}</p></section>
<section id="ranking"><h2>Bottleneck ranking</h2>{{ table(ranking) }}
<p class="meta">{{ method }}</p></section>
{% if vessels %}<section id="fleet"><h2>Vessels and berths</h2>{{ table(vessels) }}
<p class="meta">Per sea link and vessel class (×: how many ships; ships of one type are
averaged): voyages a year per vessel (one-way sailings), turnaround per call (arrival to
sailing, both ports), and the share of the year in the main states (the rest: idle at anchorage with
nothing to carry, repairs, formalities and entry windows at anchorage); anchorage is
waiting for a berth, at berth is working alongside (berthing, formalities, unloading,
loading), waiting for cargo is at anchorage with cargo aboard, in dock is scheduled
maintenance. {{ cells }}</p>
{% if berths %}{{ table(berths) }}
<p class="meta">Per port and berth type: the share of the berths with a vessel
alongside, split into working (berthing, formalities, unloading, loading) and idle
alongside (waiting for cargo, or for room in a full port). A vessel waiting for a berth
is at anchorage and occupies none. {{ cells }}</p>{% endif %}</section>{% endif %}
{% if rail %}<section id="rail"><h2>Rail operations</h2>
{% for part in rail %}<h3>{{ part.title }}</h3>{{ table(part.table) }}
<p class="meta">{{ part.note }} {{ cells }}</p>
{% endfor %}</section>{% endif %}
{% if costs %}<section id="costs"><h2>Costs and emissions</h2>
{% for part in costs %}<h3>{{ part.title }}</h3>{{ table(part.table) }}
<p class="meta">{{ part.note }} {{ cells }}</p>
{% endfor %}</section>{% endif %}
<section id="figures"><h2>Figures</h2>
<p class="sample">{{ figures_note }}</p>
{% for fig in figures %}
<figure id="{{ fig.id }}"><img alt="{{ fig.name }}" src="data:image/png;base64,{{ fig.png }}">
<figcaption><span class="which">{{ which }}</span> {{ fig.caption }}</figcaption></figure>
{% endfor %}
</section>
<section id="scenario"><h2>Scenario parameters and their sources</h2>
{% if files %}
<p class="meta">The scenario file as run, and the files it builds on. Comments are coloured
by kind:
{% for kind, text in kinds.items() %}
<span class="{{ kind }}">{{ text }}</span>{{ "; " if not loop.last else "." }}
{% endfor %}</p>
{% for file in files %}
<details id="file-{{ loop.index }}"{{ " open" if loop.first else "" }}>
<summary>{{ file.name }}: {{ file.citations }} comments citing sources, {{ file.estimates -}}
{{ " estimates" }}</summary>
<pre class="yaml">{{ file.body | safe }}</pre></details>
{% endfor %}
{% else %}
<p>The scenario file is not available to this report.</p>
{% endif %}
</section>
<section id="sources"><h2>Sources</h2>
{% if sources %}
<p class="meta">The public sources cited above (<code>sources.yaml</code>), in order of first
citation; confidence H: official or several agree, M: one reputable secondary source,
L: weak or conflicting.</p>
<ol class="sources">
{% for s in sources %}
<li id="src-{{ s.id }}"><code>{{ s.id }}</code>: {{ s.publisher }}, <cite>{{ s.title }}</cite>
({{ s.date or "undated" }}){% if s.url %}, <a href="{{ s.url }}">{{ s.url }}</a>{% endif %}.
Confidence {{ s.confidence }}.</li>
{% endfor %}
</ol>
{% else %}
<p>No source is cited.</p>
{% endif %}
{% if missing %}
<p class="missing">Cited but not in sources.yaml: {{ missing | join(", ") }}.</p>
{% endif %}
</section>
<p class="meta">{{ made_by }}</p>
</main></body></html>
"""
)


def render_page(**context: Any) -> str:
    """The page with ``context`` (the names the template uses; a missing one raises)."""
    return TEMPLATE.render(**context)

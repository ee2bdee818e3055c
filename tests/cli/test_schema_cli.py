"""``corridor-sim schema``: the JSON Schema of the scenario format, printed or written."""

from __future__ import annotations

import json

from corridor_sim.cli import main
from corridor_sim.scenario.schema import scenario_schema, schema_path


def test_schema_prints_the_json_schema_and_writes_the_same_to_a_file(tmp_path, capsys):
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == scenario_schema()
    assert printed["$schema"].startswith("http://json-schema.org/")
    out = tmp_path / "editor" / "scenario.schema.json"
    assert main(["schema", "--out", str(out)]) == 0
    assert json.loads(out.read_text()) == printed
    # the file is the shipped one, byte for byte (UTF-8, not \u escapes)
    assert out.read_text(encoding="utf-8") == schema_path().read_text(encoding="utf-8")
    assert capsys.readouterr().out == f"Wrote the JSON Schema of the scenario format to {out}\n"

"""Result folders carry numbers at a stated precision: no float noise in CSV or JSON,
and tables read back equal to what was written within that precision."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from corridor_sim.folders import SIGNIFICANT_DIGITS, json_ready, rounded, write_folder

NOISY = 20299.999999999978  # 0.1-t parcels summed: what a run writes today
BOUND = 0.5 * 10.0 ** (1 - SIGNIFICANT_DIGITS)  # largest relative change of rounding


def test_csv_and_json_drop_float_noise(tmp_path):
    table = pd.DataFrame({"flow": ["west"], "delivered_t": [NOISY], "share": [0.1 + 0.2]})
    write_folder(tmp_path, {"flows": table}, "head", {"delivered_t": NOISY, "rows": [NOISY]})
    csv = (tmp_path / "flows.csv").read_text()
    assert csv.splitlines()[1] == "west,20300,0.3"
    text = (tmp_path / "head.json").read_text()
    assert '"delivered_t": 20300,' in text and "20299.99" not in text
    assert json.loads(text) == {"delivered_t": 20300, "rows": [20300]}


def test_json_is_strict_and_plain(tmp_path):
    head = {"nan": float("nan"), "inf": np.inf, "n": np.int64(3), "x": np.float64(NOISY)}
    write_folder(tmp_path, {}, "head", {**head, "ok": np.bool_(True), "when": pd.Timestamp(0)})
    back = json.loads((tmp_path / "head.json").read_text())
    assert back == {
        "nan": None,
        "inf": None,
        "n": 3,
        "x": 20300,
        "ok": True,
        "when": "1970-01-01 00:00:00",
    }


def test_a_table_reads_back_equal_within_the_stated_precision(tmp_path):
    rng = np.random.default_rng(7)
    table = pd.DataFrame(
        {
            "element": [f"e{i}" for i in range(200)],
            "tonnes": rng.lognormal(8, 4, 200),
            "share": rng.random(200),
            "growth": rng.normal(0, 1e3, 200),
        }
    )
    table.loc[3, "share"] = np.nan
    write_folder(tmp_path, {"t": table}, "head", {})
    back = pd.read_csv(tmp_path / "t.csv")
    pd.testing.assert_frame_equal(back, table, rtol=BOUND, atol=0, check_exact=False)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_rounding_moves_a_number_by_at_most_the_stated_bound(x):
    assert abs(rounded(x) - x) <= BOUND * abs(x)


def test_json_ready_walks_mappings_lists_and_tuples():
    assert json_ready({"a": (1.0000000000001, [np.float32(0.5)]), "b": "text"}) == {
        "a": [1, [0.5]],
        "b": "text",
    }

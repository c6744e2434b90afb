"""Charts: what their specs carry, and the static SVG the public site will use."""
from __future__ import annotations

import json
import subprocess
import sys

from pressbook.charts import bar_chart, static_svg


def _chart():
    rows = [{"name": "</script><script>alert(1)</script>", "engagements": 12}, {"name": "B & co", "engagements": 7}]
    return bar_chart("chart-x", "Engagements", "Barres", rows, category="name", value="engagements", language="fr",
                     table=(("name", "engagements"), (("a", "12"),)))


def test_no_data_value_can_close_the_script_element() -> None:
    text = _chart().spec_json
    assert "<" not in text and ">" not in text and "&" not in text
    spec = json.loads(text)
    assert spec["data"]["values"][0]["name"] == "</script><script>alert(1)</script>"
    assert set(spec["data"]["values"][0]) == {"name", "engagements"}  # only the plotted columns
    assert spec["usermeta"]["embedOptions"]["actions"] is False


def test_same_input_same_spec() -> None:
    assert _chart().spec_json == _chart().spec_json


def test_static_svg_carries_marks_and_no_data_or_script() -> None:
    svg = static_svg(_chart())
    assert svg.lstrip().startswith("<svg") and "<path" in svg
    assert "<script" not in svg.lower() and "engagements" not in svg.split(">", 1)[0]
    assert '"values"' not in svg and "usermeta" not in svg


def test_kept_templates_give_the_same_charts_without_importing_altair(tmp_path) -> None:
    """A chart template made once is kept in the build cache; a later process reads it back instead of
    importing Altair (half a second), and draws the same spec."""
    program = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from pressbook import charts\n"
        f"charts.keep_templates_in(Path({str(tmp_path)!r}))\n"
        "chart = charts.bar_chart('c', 'T', 'D', [{'name': 'a', 'n': 1}], category='name', value='n',\n"
        "                         language='fr', table=((), ()), target=0.5)\n"
        "print(json.dumps({'altair': 'altair' in sys.modules, 'spec': chart.spec_json}))\n")

    def run() -> dict:
        done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
        return json.loads(done.stdout)

    first, second = run(), run()
    assert first["altair"] and not second["altair"]
    assert first["spec"] == second["spec"] == _chart_with_target().spec_json
    assert len(list(tmp_path.glob("chart-templates-*.json"))) == 1


def _chart_with_target():
    return bar_chart("c", "T", "D", [{"name": "a", "n": 1}], category="name", value="n", language="fr",
                     table=((), ()), target=0.5)

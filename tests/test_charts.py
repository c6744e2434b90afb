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
    assert len(list((tmp_path / ".cache" / "pressbook" / "kept" / "chart-templates").glob("*.json"))) == 1


def _chart_with_target():
    return bar_chart("c", "T", "D", [{"name": "a", "n": 1}], category="name", value="n", language="fr",
                     table=((), ()), target=0.5)


def _days_chart(language: str):
    from pressbook.charts import line_chart

    # Four months of days: the axis marks the first of each month.
    rows = [{"date": f"2026-{month:02d}-{day:02d}", "metric": "Portée", "value": 100 * day}
            for month in (1, 2, 3, 4) for day in (1, 10, 20)]
    return line_chart("days", "Portée", "Courbe", rows, x="date", y="value", series="metric", language=language,
                      table=((), ()), titles={"date": "Date", "metric": "Indicateur", "value": "Valeur"})


def test_a_chart_speaks_the_sites_language() -> None:
    # What a reader sees of a chart: its ticks drawn with the language's months (« 1er mars » on the
    # first of a month, as the pages write it), and its tooltips titled in the site's words, never by
    # the names of the fields (date, metric, value).
    french, english = static_svg(_days_chart("fr")), static_svg(_days_chart("en"))
    assert "1er mars" in french and "1er févr." in french and "Mar" not in french
    assert "1 Mar" in english and "1er" not in english
    spec = _days_chart("fr").spec
    titles = {tooltip["title"] for tooltip in spec["encoding"]["tooltip"]}
    assert titles == {"Date", "Indicateur", "Valeur"}


def test_percent_axes_in_whole_percents() -> None:
    chart = bar_chart("a", "Atteinte", "Barres", [{"kpi": "Portée", "share": 1.224}], category="kpi", value="share",
                      language="fr", table=((), ()), percent=True, target=1.0)
    svg = static_svg(chart)
    assert "120 %" in svg.replace("\u202f", " ").replace("\u00a0", " ") and ",0 %" not in svg


def test_charts_write_figures_and_months_as_the_pages_do() -> None:
    # The charts' Vega locales (d3's, from vl-convert) and the pages' formats (Babel's) must agree: the
    # same group space and decimal sign, the same names of months and days.
    from babel import Locale
    from babel.numbers import get_decimal_symbol, get_group_symbol

    from pressbook.charts import _format_locale, _time_locale
    from pressbook.catalogue import LOCALES

    for language, code in LOCALES.items():
        locale = Locale.parse(code)
        numbers, times = _format_locale(language), _time_locale(language)
        assert (numbers["thousands"], numbers["decimal"]) == (get_group_symbol(locale), get_decimal_symbol(locale))
        months = locale.months["format"]
        assert times["months"] == [months["wide"][m] for m in range(1, 13)]
        assert times["shortMonths"] == [months["abbreviated"][m] for m in range(1, 13)]
        assert times["days"] == [locale.days["format"]["wide"][d] for d in (6, 0, 1, 2, 3, 4, 5)]


def test_count_axes_tick_whole_numbers_only() -> None:
    # Two mentions at most in a day: an axis ticking every half would read « 0 0 1 1 2 2 ».
    import re

    from pressbook.charts import stacked_bars
    rows = [{"day": "2026-03-19", "mentions": 2, "tone": "négative"},
            {"day": "2026-03-20", "mentions": 1, "tone": "positive"}]
    chart = stacked_bars("t", "Tonalité", "Barres", rows, x="day", y="mentions", stack="tone", language="fr",
                         table=((), ()), colors={"positive": "#2e7d32", "négative": "#c62828"})
    ticks = re.findall(r'text-anchor="end"[^>]*>(\d+)</text>', static_svg(chart))
    assert ticks and sorted(set(ticks)) == sorted(ticks) == ["0", "1", "2"]

"""Charts: Vega-Lite specs made with Altair, the offline Vega bundle, and static SVG. The only
module that imports altair and vl_convert."""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation, localcontext
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

import vl_convert
from ..cache import Stamp, code, keep, kept, prune, versions
from ..timing import timed

if TYPE_CHECKING:
    import altair as alt

ChartRow = dict[str, Any]
WIDTH = "container"
LOCALES = {"fr": "fr-FR", "en": "en-GB"}


@dataclass(frozen=True)
class Chart:
    """A chart with its text alternative and the table of its figures, shown beside it."""

    id: str
    title: str
    description: str
    spec: dict[str, Any]
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...] = field(default=())

    @property
    def spec_json(self) -> str:
        """The spec as JSON that no data value can end early: `<`, `>` and `&` are \\u-escaped."""
        text = json.dumps(self.spec, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _number(value: Any) -> Any:
    if not isinstance(value, Decimal):
        return value
    try:
        return float(round(value, 6))
    except InvalidOperation:  # a ratio of extreme figures: more digits than the context's 28
        with localcontext(prec=80):
            return float(round(value, 6))


def _clean(rows: list[ChartRow]) -> list[ChartRow]:
    return [{key: _number(value) for key, value in row.items()} for row in rows]


# Altair checks every spec against the Vega-Lite schema, which costs milliseconds a chart. A spec is
# therefore made and checked once per kind of chart (its encodings, its language), with placeholders
# where the data and the height go; each chart binds its own into a copy.
_ROWS = "$pressbook-rows"
_HEIGHT = 9999

# Importing Altair alone takes half a second. The templates it made are kept in the build cache
# (cache.py), stamped with the versions of Altair and vl-convert and with this module's text: a build
# whose charts are all of kinds made before does not import Altair at all.
_templates: dict[str, Any] = {}
_kept_in: list[Path] = []


def keep_templates_in(root: Path) -> None:
    """Keep chart templates in the cache of the workspace at `root` from now on, and use those kept
    there before."""
    path = kept(root, "chart-templates", Stamp(code(__file__), versions("altair", "vl-convert-python")).hex, ".json")
    prune(path.parent, [path])
    _kept_in[:] = [path]
    try:
        _templates.update(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        pass


Holes = list[tuple[tuple[Any, ...], "str | None"]]  # where the rows (by name) and the height go
_prepared: dict[str, tuple[dict[str, Any], Holes]] = {}


def _kept(make: Callable[..., dict[str, Any]]) -> Callable[..., tuple[dict[str, Any], Holes]]:
    @functools.wraps(make)
    def template(*arguments: Any) -> tuple[dict[str, Any], Holes]:
        key = json.dumps([make.__name__, *arguments])
        if key not in _templates:
            _templates[key] = json.loads(json.dumps(make(*arguments)))  # as a kept one reads back
            if _kept_in:
                keep(_kept_in[0], json.dumps(_templates, sort_keys=True).encode("utf-8"))
        if key not in _prepared or _prepared[key][0] is not _templates[key]:
            _prepared[key] = (_templates[key], list(_find_holes(_templates[key], ())))
        return _prepared[key]
    return template


def _placeholder(name: str) -> alt.Data:
    import altair as alt
    return alt.Data(values=[{_ROWS: name}])


def _finish(chart: alt.Chart | alt.LayerChart, language: str) -> dict[str, Any]:
    spec = chart.properties(width=WIDTH, height=_HEIGHT).to_dict()
    spec.pop("$schema", None)
    spec["usermeta"] = {"embedOptions": {"actions": False, "renderer": "svg",
                                         "formatLocale": _format_locale(language),
                                         "timeFormatLocale": _time_locale(language)}}
    return spec


def _bind(template: tuple[dict[str, Any], Holes], data: dict[str, list[ChartRow]], height: int) -> dict[str, Any]:
    """A copy of the template's spec with each placeholder replaced by its rows, and the chart's
    height. Only the containers on the way to a placeholder are copied; the rest is shared with the
    template, which nothing changes."""
    spec, holes = template
    for path, name in holes:
        spec = _replaced(spec, path, lambda node: {**node, "values": data[name]} if name else height)
    return spec


def _find_holes(node: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str | None]]:
    if isinstance(node, dict):
        values = node.get("values")
        if isinstance(values, list) and len(values) == 1 and isinstance(values[0], dict) and _ROWS in values[0]:
            yield path, values[0][_ROWS]
            return
        for key, value in node.items():
            if key == "height" and value == _HEIGHT:
                yield path + (key,), None
            elif key != "usermeta":
                yield from _find_holes(value, path + (key,))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _find_holes(item, path + (index,))


def _replaced(node: Any, path: tuple[Any, ...], make: Callable[[Any], Any]) -> Any:
    if not path:
        return make(node)
    copy = dict(node) if isinstance(node, dict) else list(node)
    copy[path[0]] = _replaced(node[path[0]], path[1:], make)
    return copy


# Vega's number and time-format locales: d3's, which vl-convert carries, with the spaces the pages'
# figures have (Babel's: « 1 200 000 » with a narrow no-break space, « 4,5 % » with a no-break one).
# Their month and day names are Babel's too; tests/test_charts.py compares them.
_SPACES = {"fr": {"thousands": "\u202f", "percent": "\u00a0%"}, "en": {"percent": "%"}}


@lru_cache(maxsize=None)
def _format_locale(language: str) -> dict[str, Any]:
    return {**vl_convert.get_format_locale(LOCALES[language]), **_SPACES[language]}


# Where d3's names differ from Babel's (British English writes "Sept").
_NAMES = {"en": {"shortMonths": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"]}}


@lru_cache(maxsize=None)
def _time_locale(language: str) -> dict[str, Any]:
    return {**vl_convert.get_time_format_locale(LOCALES[language]), **_NAMES.get(language, {})}


# A day of the workspace ("2026-09-12") is read by Vega as midnight UTC, and drawn in the time zone
# of whoever draws it: the builder's process for the public site's images, the reader's browser for the
# others. Placed on UTC days and labelled in UTC, it stays the workspace's day wherever it is drawn.
_DAY = "utcyearmonthdate"
_DAY_LABEL = "%-d %b"
# French writes the first of a month « 1er mars », as the pages do (pages/formatting.py).
_FIRST_OF_MONTH = {"fr": "%-der %b"}
# Ticks a chart's width has room for: a day label ("24 mars") needs about 70 pixels, a figure
# ("1 200 000", "130 %") about 80. The charts are as wide as their page, 300 pixels on a phone.
_DAY_TICKS = {"expr": "ceil(width / 90)"}
_VALUE_TICKS = {"expr": "ceil(width / 80)"}


def _whole_ticks(scale: str, room: str) -> dict[str, str]:
    """Ticks of a count: as many as `room` allows but never more than the largest count, so that d3's
    steps (1, 2, 5 × 10ⁿ) stay whole; two mentions at most would otherwise tick « 0 0 1 1 2 2 »."""
    return {"expr": f"min({room}, max(1, domain('{scale}')[1]))"}


def _day_label(language: str) -> str:
    """The axis label of a day, a Vega expression: « 1er mars », « 8 mars », "8 Mar"."""
    label = f"utcFormat(datum.value, '{_DAY_LABEL}')"
    first = _FIRST_OF_MONTH.get(language)
    if first is None:
        return label
    return f"utcdate(datum.value) === 1 ? utcFormat(datum.value, '{first}') : {label}"


def _day_axis(field_name: str, title: str, language: str) -> alt.X:
    import altair as alt
    # Titled for the points' descriptions (what a screen reader says), which Vega-Lite would otherwise
    # name after the time unit too; the axis itself shows no title. The descriptions write a day with
    # the axis' format; its labels are the expression's (« 1er mars »).
    return alt.X(f"{field_name}:T", timeUnit=_DAY, title=title,
                 axis=alt.Axis(labelExpr=_day_label(language), format=_DAY_LABEL, title=None, tickCount=_DAY_TICKS,
                               labelOverlap=True))


def _day_tooltip(field_name: str, title: str) -> alt.Tooltip:
    import altair as alt
    # Titled in the site's words: without a title Vega-Lite names the field and its time unit.
    return alt.Tooltip(f"{field_name}:T", timeUnit=_DAY, title=title, format=f"{_DAY_LABEL} %Y")


Titles = tuple[tuple[str, str], ...]  # (field, what the reader calls it), for tooltips and descriptions


def _title(titles: Titles, field_name: str) -> str:
    return dict(titles).get(field_name, field_name)


def _titles(titles: dict[str, str] | None) -> Titles:
    return tuple(sorted((titles or {}).items()))


@_kept
def _line_template(x: str, y: str, series: str, language: str, titles: Titles = ()) -> dict[str, Any]:
    import altair as alt
    return _finish(alt.Chart(_placeholder("rows")).mark_line(point=True).encode(
        x=_day_axis(x, _title(titles, x), language),
        y=alt.Y(f"{y}:Q", title=None,
                axis=alt.Axis(format=",d", tickCount=_whole_ticks("y", "ceil(height / 40)"), labelOverlap=True)),
        color=alt.Color(f"{series}:N", title=None, legend=alt.Legend(orient="bottom")),
        tooltip=[_day_tooltip(x, _title(titles, x)), alt.Tooltip(f"{series}:N", title=_title(titles, series)),
                 alt.Tooltip(f"{y}:Q", format=",d", title=_title(titles, y))],
    ), language)


@timed("charts")
def line_chart(chart_id: str, title: str, description: str, rows: list[ChartRow], *, x: str, y: str,
               series: str, language: str, table: tuple[tuple[str, ...], tuple[tuple[str, ...], ...]],
               titles: dict[str, str] | None = None) -> Chart:
    """`titles`: what the reader calls each field, in tooltips and the points' descriptions."""
    spec = _bind(_line_template(x, y, series, language, _titles(titles)), {"rows": _clean(rows)}, 260)
    return Chart(chart_id, title, description, spec, table[0], table[1])


@_kept
def _bar_template(category: str, value: str, language: str, percent: bool, target: bool, sort: bool,
                  color: str | None, titles: Titles = ()) -> dict[str, Any]:
    import altair as alt
    # The axis in whole percents (« 120 % »), the tooltip with the tenth the pages show.
    value_format, axis_format = (".1%", ".0%") if percent else (",d", ",d")
    encoding: dict[str, Any] = {
        "y": alt.Y(f"{category}:N", title=None, sort="-x" if sort else None),
        "x": alt.X(f"{value}:Q", title=None,
                   axis=alt.Axis(format=axis_format, labelOverlap=True,
                                 tickCount=_VALUE_TICKS if percent else _whole_ticks("x", "ceil(width / 80)"))),
        "tooltip": [alt.Tooltip(f"{category}:N", title=_title(titles, category)),
                    alt.Tooltip(f"{value}:Q", format=value_format, title=_title(titles, value))],
    }
    if color:
        encoding["color"] = alt.Color(f"{color}:N", title=None, legend=alt.Legend(orient="bottom"))
    bars = alt.Chart(_placeholder("rows")).mark_bar().encode(**encoding)
    if not target:
        return _finish(bars, language)
    # The target's field is named as no word is: the verification reads a chart's data for names,
    # and a client may be called Target.
    rule = alt.Chart(_placeholder("target")).mark_rule(strokeDash=[4, 4]).encode(x=alt.X("pb_target:Q"))
    return _finish(alt.layer(bars, rule), language)


@timed("charts")
def bar_chart(chart_id: str, title: str, description: str, rows: list[ChartRow], *, category: str, value: str,
              language: str, table: tuple[tuple[str, ...], tuple[tuple[str, ...], ...]], percent: bool = False,
              target: float | None = None, sort: bool = True, color: str | None = None,
              titles: dict[str, str] | None = None) -> Chart:
    template = _bar_template(category, value, language, percent, target is not None, sort, color, _titles(titles))
    height = max(90, 34 * len({row[category] for row in rows}))
    spec = _bind(template, {"rows": _clean(rows), "target": [{"pb_target": target}]}, height)
    return Chart(chart_id, title, description, spec, table[0], table[1])


@_kept
def _stacked_template(x: str, y: str, stack: str, language: str, colors: tuple[tuple[str, str], ...],
                      titles: Titles = ()) -> dict[str, Any]:
    import altair as alt
    return _finish(alt.Chart(_placeholder("rows")).mark_bar().encode(
        x=_day_axis(x, _title(titles, x), language),
        y=alt.Y(f"{y}:Q", title=None, stack=True,
                axis=alt.Axis(format=",d", tickCount=_whole_ticks("y", "ceil(height / 40)"), labelOverlap=True)),
        color=alt.Color(f"{stack}:N", title=None, legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(domain=[name for name, _ in colors], range=[color for _, color in colors])),
        tooltip=[_day_tooltip(x, _title(titles, x)), alt.Tooltip(f"{stack}:N", title=_title(titles, stack)),
                 alt.Tooltip(f"{y}:Q", format=",d", title=_title(titles, y))],
    ), language)


@timed("charts")
def stacked_bars(chart_id: str, title: str, description: str, rows: list[ChartRow], *, x: str, y: str, stack: str,
                 language: str, table: tuple[tuple[str, ...], tuple[tuple[str, ...], ...]],
                 colors: dict[str, str], titles: dict[str, str] | None = None) -> Chart:
    template = _stacked_template(x, y, stack, language, tuple(colors.items()), _titles(titles))
    spec = _bind(template, {"rows": _clean(rows)}, 260)
    return Chart(chart_id, title, description, spec, table[0], table[1])


def vega_bundle(root: Path) -> bytes:
    """Vega, Vega-Lite and vega-embed in one script, made from the installed vl-convert (and kept in
    the cache of the workspace at `root`, since making it takes seconds): nothing is fetched and
    nothing from outside is committed."""
    path = kept(root, "vega", Stamp(versions("vl-convert-python")).hex, ".js")
    if not path.is_file():
        prune(path.parent, [])
        keep(path, vl_convert.javascript_bundle().encode("utf-8"))
    return path.read_bytes()


@timed("charts")
def static_svg(chart: Chart) -> str:
    """The chart drawn once, as an SVG image carrying marks only: no data, no script."""
    return spec_svg(chart.spec, 640)


def spec_svg(spec: dict[str, Any], width: int, font: str | None = None) -> str:
    """A chart's spec, as a page embeds it, drawn as an SVG image `width` pixels wide: the public site's
    images, and the charts of a report's PDF (drawn from the spec its page carries). `font`: the family
    its text is set in, so that labels are measured as they will be drawn."""
    spec = dict(spec)
    options = spec.pop("usermeta", {}).get("embedOptions", {})
    spec["width"] = width
    if font:
        spec["config"] = {**spec.get("config", {}), "font": font}
    # Nothing is fetched while drawing: the spec carries its data, and no URL is allowed.
    return vl_convert.vegalite_to_svg(spec, allowed_base_urls=[], format_locale=options.get("formatLocale"),
                                      time_format_locale=options.get("timeFormatLocale"))

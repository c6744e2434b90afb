"""The figures the code decides (sizes, thresholds, times) as the docs quote them, each read from its
constant: docs/limits.md is generated from `limits()`, and the other docs link to it."""
from __future__ import annotations

import inspect
import re
import types
from secrets import token_urlsafe
from typing import Any, Callable, NamedTuple


class Limit(NamedTuple):
    """A figure the code decides, as the docs quote it: `[figure](limits.md#anchor)`."""

    anchor: str
    figure: str
    meaning: str
    where: str  # the constant it is read from


def _constant(module: types.ModuleType, name: str, figure: Callable[[Any], str], meaning: str,
              anchor: str | None = None) -> Limit:
    return Limit(anchor or name.lower().replace("_", "-"), figure(getattr(module, name)), meaning,
                 f"`{module.__name__.removeprefix('pressbook.')}.{name}`")


def _bytes(value: int) -> str:
    for unit, size in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if value % size == 0:
            return f"{value // size} {unit}"
    return f"{value:,} bytes"


def _counted(unit: str, scale: int = 1) -> Callable[[Any], str]:
    return lambda value: f"{value // scale:,} {unit}".strip()


def _power_of_ten(value: Any) -> str:
    exponent = len(str(int(value))) - 1
    assert value == 10**exponent, value
    return "10" + str(exponent).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


def _max_age(rule: str) -> int:
    return int(re.search(r"max-age=([0-9]+)", rule)[1])  # type: ignore[index]


def limits() -> dict[str, list[Limit]]:
    """Section → the figures the code decides that a user or a contributor may need, each read from its
    constant; docs/limits.md lists them and the other docs link to it where they quote one."""
    # Imported here: `pressbook schema` imports this module and needs none of the sites' code.
    from .compliance import rules
    from .loading import files, secrets, yaml_strict
    from .metrics import influencers, series
    from .model import amounts, types as model_types
    from .model.settings import SCORE_COMPONENTS, ScoreWeights
    from .pages import client_site
    from .publishing import headers, host_headers, nginx, passwords, workflow
    from .sites import images, preview_banner, verify
    from .validation import images as image_checks, metrics_reader, mkdocs_yml

    def digits(value: int) -> str:
        return f"{len(str(value))} digits"

    weights = ScoreWeights()
    return {
        "The workspace's files": [
            _constant(files, "MAX_TEXT_BYTES", _bytes, "the largest YAML or Markdown file `pressbook check` reads; "
                      "a larger one is an error (`file.too-large`)"),
            _constant(yaml_strict, "MAX_DEPTH", _counted("levels"), "the deepest that lists and mappings may be "
                      "nested in a YAML file (`yaml.syntax`)"),
            _constant(mkdocs_yml, "MAX_ALIASED", _counted("values"), "how many values the aliases of `mkdocs.yml` "
                      "may stand for in all (`yaml.anchor`)"),
            _constant(image_checks, "MAX_IMAGE_PIXELS", _counted("megapixels", 1_000_000),
                      "the largest logo or cover `pressbook check` accepts (`file.image`)"),
            _constant(amounts, "LARGEST_COUNT", digits, "the longest count (followers, impressions, likes…), "
                      "in YAML or in a CSV cell"),
            _constant(amounts, "ABOVE_NUMBERS", _power_of_ten, "what every amount or figure stays below"),
            _constant(amounts, "NUMBER_DECIMALS", _counted("decimals"), "the most decimals an amount or figure has"),
            _constant(model_types, "FIRST_YEAR", str, "the earliest year of a date"),
            _constant(model_types, "LAST_YEAR", str, "the latest year of a date"),
            _constant(amounts, "LARGEST_MONTHS", _counted("months"), "the longest usage rights or exclusivity"),
        ],
        "The numbers": [
            Limit("score-minimum", str(weights.minimum), "how many components a score rests on, at least, to be "
                  "shown: the default of `score.minimum` in `workspace.yml`", "`model.settings.ScoreWeights`"),
            *(Limit(f"score-{component.replace('_', '-')}", str(weights.weight(component)),
                    f"the default weight of the score's component `{component}` (`score.{component}`)",
                    "`model.settings.ScoreWeights`") for component in SCORE_COMPONENTS),
            _constant(influencers, "FREQUENCY_DAYS", _counted("days"), "the window of the tracked sponsored "
                      "cadence: the posts in these days, ending at the latest one…"),
            _constant(influencers, "FREQUENCY_WEEKS", _counted("weeks"), "…counted over these weeks"),
            Limit("surge-threshold", str(inspect.signature(series.negative_surges).parameters["threshold"].default),
                  "the fewest negative mentions in a day that make an e-reputation alert (with more than twice "
                  "the other days' average)", "`metrics.series.negative_surges`, its `threshold`"),
            Limit("fr-contract-threshold", f"{rules.FRANCE.contract_threshold:,} €", "in France, the amount from "
                  "which a campaign's contract with an influencer must be written and signed (`fr.contract-required`)",
                  "`compliance.rules.FRANCE.contract_threshold`"),
        ],
        "The sites": [
            _constant(client_site, "HEADLINE_KPIS", str, "the headline KPIs each campaign's card shows on a client's "
                      "home"),
            _constant(images, "FAVICON_SIDE", _counted("pixels"), "the side of each site's favicon, made from the "
                      "agency's logo"),
            _constant(preview_banner, "MOST", str, "the errors the preview's banner lists; the others are counted",
                      "preview-errors"),
        ],
        "The build": [
            _constant(metrics_reader, "PARALLEL_BYTES", _bytes, "from this much `metrics.csv` in a workspace, the "
                      "metrics files are read by other processes, one a core"),
            _constant(metrics_reader, "CHUNK", _counted("lines"), "the lines of a `metrics.csv` checked and converted "
                      "at once, column by column", "metrics-chunk"),
            _constant(verify, "SETTLED", lambda seconds: f"{seconds:g} s", "how long a file MkDocs wrote is left "
                      "alone before the verification reads it while MkDocs writes the others"),
        ],
        "Publishing": [
            _constant(secrets, "SHORTEST_PASSWORD", _counted("characters"), "the shortest password of a reader "
                      "(`secret.weak`)"),
            _constant(passwords, "_RANDOM_BYTES", lambda size: f"{len(token_urlsafe(size))} characters",
                      "the length of the passwords `pressbook deploy passwords` makes (random bytes, in base64)",
                      "generated-password"),
            _constant(nginx, "BCRYPT_COST", str, "the cost of the bcrypt hashes in the password files"),
            _constant(headers, "FINGERPRINTED_CACHE", lambda rule: f"{_max_age(rule) // 86400:,} days",
                      "how long a browser keeps Material's scripts and styles, whose names carry their content's "
                      "hash (`Cache-Control: max-age`)", "fingerprinted-cache"),
            _constant(workflow, "ARTIFACT_DAYS", _counted("days"), "how long GitHub keeps a site built by the "
                      "workflow as an artifact"),
            _constant(workflow, "MOST_JOBS", _counted("sites"), "the most sites one workflow builds (a GitHub "
                      "matrix's jobs)"),
            _constant(host_headers, "MOST_RULES", _counted("rules"), "the most rules of a `_headers` file "
                      "(Cloudflare Pages' limit)"),
            _constant(host_headers, "LONGEST_LINE", _counted("characters"), "the longest line of a `_headers` file "
                      "(Cloudflare Pages' limit)"),
        ],
    }


def limits_reference() -> str:
    """docs/limits.md: every figure of limits(), its meaning and its constant."""
    lines = ["# Limits and sizes", "",
             "Generated from the code by `python -m pressbook.reference`; do not edit by hand. Each figure is the "
             "value of the constant named beside it. The other docs link here where they quote one "
             "(`[1 MiB](limits.md#max-text-bytes)`), and `tests/test_reference.py` fails when the quoted figure "
             "is not the code's.", ""]
    for section, entries in limits().items():
        lines += [f"## {section}", "", "| figure | meaning | read from |", "|---|---|---|"]
        lines += [f'| <a id="{limit.anchor}"></a>{limit.figure} | {limit.meaning} | {limit.where} |'
                  for limit in entries]
        lines.append("")
    return "\n".join(lines)

"""A campaign's metrics.csv as it is written — separator, decimal mark, dates, encoding, line ends —
so that imported rows are appended in its own dialect and its existing rows stay byte for byte.

Only a file that lacks a column the import brings is written again whole, with that column added
(empty, that is unknown, in the rows it had)."""
from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Iterable, Protocol

from ..model.campaign import METRIC_NAMES

CANONICAL = ("post", "date", *METRIC_NAMES, "source")
_FRENCH_DATE = re.compile(r"\s*[0-9]{2}/[0-9]{2}/[0-9]{4}\s*\Z")


class Snapshot(Protocol):
    post: str
    day: date
    values: dict[str, int | Decimal | None]


@dataclass
class MetricsFile:
    path: str  # relative to the workspace root
    data: bytes | None  # None: there is no such file yet
    text: str | None  # decoded, line ends made "\n"
    encoding: str  # utf-8, utf-8-sig (with its byte order mark) or cp1252
    separator: str
    decimal: str
    line_end: str
    header: list[str]
    french_dates: bool

    def with_rows(self, rows: Iterable[Snapshot], brought: tuple[str, ...],
                  source: str) -> tuple[str, bytes, tuple[str, ...]]:
        """The file's text and bytes with `rows` appended, and the columns added for them."""
        wanted = list(brought) + (["source"] if source != "measured" or not self.data else [])
        added = tuple(name for name in wanted if name not in self.header)
        if self.data is None:
            header = [name for name in CANONICAL if name in ("post", "date") or name in wanted]
            return self._written(header, [], rows, source, added)
        if added:
            return self._written(_merged(self.header, added), self._rows(), rows, source, added)
        appended = self._lines(self.header, rows, source)
        assert self.text is not None
        tail = b"" if not self.data or self.data.endswith((b"\n", b"\r")) else self.line_end.encode("ascii")
        text_tail = "" if not self.text or self.text.endswith("\n") else "\n"
        data = self.data + tail + "".join(line + self.line_end for line in appended).encode(_codec(self.encoding))
        return self.text + text_tail + "".join(line + "\n" for line in appended), data, ()

    def _written(self, header: list[str], old: list[dict[str, str]], rows: Iterable[Snapshot], source: str,
                 added: tuple[str, ...]) -> tuple[str, bytes, tuple[str, ...]]:
        lines = _joined([header] + [[row.get(name, "") for name in header] for row in old], self.separator)
        lines += self._lines(header, rows, source)
        data = "".join(line + self.line_end for line in lines).encode(self.encoding)
        return "".join(line + "\n" for line in lines), data, added

    def _rows(self) -> list[dict[str, str]]:
        assert self.text is not None
        reader = csv.reader(io.StringIO(self.text, newline=""), delimiter=self.separator)
        next(reader, None)
        return [dict(zip(self.header, cells)) for cells in reader if any(cell.strip() for cell in cells)]

    def _lines(self, header: list[str], rows: Iterable[Snapshot], source: str) -> list[str]:
        # Ids, dates, digits and words: joined as they are, unless the decimal mark is the separator.
        lines = []
        separator, value, width = self.separator, self._value, len(header) - 1
        for row in rows:
            cells = {"post": row.post, "date": self._date(row.day), "source": source}
            cells.update({name: value(number) for name, number in row.values.items()})
            line = separator.join([cells.get(name, "") for name in header])
            lines.append(line if line.count(separator) == width else
                         _joined([[cells.get(name, "") for name in header]], separator)[0])
        return lines

    def _date(self, day: date) -> str:
        return day.strftime("%d/%m/%Y") if self.french_dates else day.isoformat()

    def _value(self, value: int | Decimal | None) -> str:
        if value is None:
            return ""
        if isinstance(value, Decimal):
            return format(value, "f").replace(".", self.decimal)
        return str(value)


def open_metrics_file(root: Path, path: str, decimal: str) -> MetricsFile:
    """The file at `path` (which `check` has read without error), or how a new one is written: a
    comma-separated UTF-8 file with ISO dates, separated by ';' where the workspace's decimal mark is
    a comma."""
    full = root / path
    if not full.is_file():
        separator = ";" if decimal == "," else ","
        return MetricsFile(path, None, None, "utf-8", separator, "," if separator == ";" else ".", "\n",
                           [], False)
    data = full.read_bytes()
    encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        encoding, text = "cp1252", data.decode("cp1252")
    line_end = "\r\n" if b"\r\n" in data else "\r" if b"\r" in data else "\n"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    first = text.split("\n", 1)[0]
    separator = ";" if first.count(";") > first.count(",") else ","
    if decimal == "auto":
        decimal = "," if separator == ";" else "."
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    header = [cell.strip() for cell in next(rows, [])]
    french = False
    for cells in rows:
        if any(cell.strip() for cell in cells):
            french = "date" in header and bool(_FRENCH_DATE.match(cells[header.index("date")]))
            break
    return MetricsFile(path, data, text, encoding, separator, decimal, line_end, header, french)


def _merged(header: list[str], added: tuple[str, ...]) -> list[str]:
    """The header with `added`: each at its place in SPEC's order when the file keeps that order, else
    after the others."""
    order = [name for name in CANONICAL if name in header]
    if header == order:
        return [name for name in CANONICAL if name in header or name in added]
    return header + list(added)


def _joined(rows: list[list[str]], separator: str) -> list[str]:
    """Rows as lines of the file, cells quoted where they must be."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="")
    lines = []
    for row in rows:
        out.seek(0)
        out.truncate()
        writer.writerow(row)
        lines.append(out.getvalue())
    return lines


def _codec(encoding: str) -> str:
    # Appended after the byte order mark, never with another one.
    return "utf-8" if encoding == "utf-8-sig" else encoding

"""Where things are on the map (page Karte): the official boundaries of the Gemeinden, the positions of the
Ortsteile and the places of the concept's measures. Plain data from files in data/, no drawing here.

- **Boundaries**: every ``*.geojson`` in data/geo/ (the BKG VG250 polygons of the Gemeinden of a Landkreis, as
  published, © GeoBasis-DE / BKG (Daten verändert), dl-de/by-2-0), each feature with its ``AGS``, ``GEN`` (name)
  and ``destatis.center_lat/center_lon`` (the Gemeinde's centre from the Gemeindeverzeichnis, decimal commas).
- **Ortsteile**: the columns ``breite;laenge;lage`` of data/ortsteile.csv (monitor.districts): a position per
  Ortsteil and what it is (e.g. "ungefähr, geschätzt"). No boundaries of Ortsteile are drawn: none are
  published, and invented ones would look official.
- **Places** of the measures, data/orte.csv (UTF-8, semicolons):
  ``gemeinde_ags;code;art;name;ortsteil;gemeinde;breite;laenge;quelle``. ``art`` is one of ``PLACE_KINDS``;
  ``name`` names an institution or an offer, never a person; the place lies at exactly one of: an Ortsteil
  of the Gemeinde (its position), the centre of a Gemeinde of the map (``gemeinde``: its AGS), or the
  coordinates of a public building (``breite``/``laenge``). No addresses.

A broken shipped file raises GeoError (English, for the developer); a test reads the shipped files.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from monitor import districts, settings

GEO_DIR = settings.DATA_DIR / "geo"
PLACES_FILE = settings.DATA_DIR / "orte.csv"
PLACE_KINDS = ("kursort", "cafe", "partner")  # course venue, the Integrationscafé, a partner's office
ORTSTEIL, GEMEINDE, BUILDING = "ortsteil", "gemeinde", "gebaeude"  # how a place is located
_CODE = re.compile(r"[a-z][a-z0-9_]{0,39}")

Ring = tuple[tuple[float, float], ...]  # (lon, lat) points, closed


class GeoError(ValueError):
    """A shipped geodata or place file cannot be read (English, for the developer)."""


@dataclass(frozen=True)
class Area:
    """A Gemeinde's official boundary: its polygons' outer rings and holes, and its centre."""

    ags: str
    name: str
    polygons: tuple[tuple[Ring, ...], ...]  # per polygon: the outer ring, then its holes
    centre: tuple[float, float]  # (lat, lon)

    @property
    def kreis(self) -> str:
        return self.ags[:5]

    def contains(self, lat: float, lon: float) -> bool:
        """Whether the point lies inside the boundary (inside an outer ring and in none of its holes)."""
        return any(_inside(polygon[0], lon, lat) and not any(_inside(hole, lon, lat) for hole in polygon[1:])
                   for polygon in self.polygons)

    def bounds(self) -> tuple[float, float, float, float]:
        """(min lat, min lon, max lat, max lon)."""
        lons = [p[0] for polygon in self.polygons for p in polygon[0]]
        lats = [p[1] for polygon in self.polygons for p in polygon[0]]
        return min(lats), min(lons), max(lats), max(lons)


def _inside(ring: Ring, x: float, y: float) -> bool:
    """Ray casting: whether (x, y) lies inside the closed ring."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def decimal(text: str) -> float:
    """A coordinate written with a decimal comma or point."""
    return float(text.strip().replace(",", "."))


@lru_cache(maxsize=2)
def boundaries(folder: Path = GEO_DIR) -> dict[str, Area]:
    """AGS -> Area, from every GeoJSON file in `folder`."""
    out: dict[str, Area] = {}
    for path in sorted(folder.glob("*.geojson")):
        try:
            features = json.loads(path.read_text(encoding="utf-8"))["features"]
            for feature in features:
                props, geometry = feature["properties"], feature["geometry"]
                polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" \
                    else [geometry["coordinates"]]
                centre = (decimal(props["destatis"]["center_lat"]), decimal(props["destatis"]["center_lon"]))
                out[props["AGS"]] = Area(
                    props["AGS"], props["GEN"],
                    tuple(tuple(tuple((float(x), float(y)) for x, y, *_ in ring) for ring in polygon)
                          for polygon in polygons),
                    centre)
        except (KeyError, TypeError, ValueError) as error:
            raise GeoError(f"{path.name}: not a GeoJSON of Gemeinden with AGS, GEN and centre ({error})") from error
    return out


def area(ags: str) -> Area | None:
    return boundaries().get(ags)


def kreis_areas(ags: str) -> list[Area]:
    """The Gemeinden of the Landkreis of `ags` that have a boundary (itself included), by name."""
    return sorted((a for a in boundaries().values() if a.kreis == ags[:5]), key=lambda a: a.name)


# --- Ortsteile -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Position:
    lat: float
    lon: float
    note: str  # what the position is ("ungefähr, geschätzt: ...")


def district_position(district: districts.District) -> Position | None:
    """An Ortsteil's position from its row of data/ortsteile.csv; None without one."""
    lat, lon = district.extra.get("breite", ""), district.extra.get("laenge", "")
    if not lat or not lon:
        return None
    try:
        return Position(decimal(lat), decimal(lon), district.extra.get("lage", ""))
    except ValueError as error:
        raise GeoError(f"ortsteile.csv: {district.ags} {district.code}: position {lat!r}, {lon!r}") from error


# --- places of the measures ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    ags: str
    code: str
    kind: str  # PLACE_KINDS
    name: str
    lat: float
    lon: float
    located_by: str  # ORTSTEIL, GEMEINDE or BUILDING: how the position was found
    located_at: str  # the Ortsteil's or Gemeinde's name ("" for a building)
    source: str


@lru_cache(maxsize=4)
def load_places(path: Path = PLACES_FILE) -> dict[str, tuple[Place, ...]]:
    """AGS -> the places of its measures in the file's order."""
    if not path.exists():
        return {}
    out: dict[str, list[Place]] = {}
    rows = csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";")
    for line, row in enumerate(rows, start=2):
        cell = {k: (v or "").strip() for k, v in row.items() if k}
        ags, code, kind, name = cell.get("gemeinde_ags", ""), cell.get("code", ""), cell.get("art", ""), \
            cell.get("name", "")
        if not _CODE.fullmatch(code) or kind not in PLACE_KINDS or not name:
            raise GeoError(f"{path.name}, line {line}: needs a code, an art of {PLACE_KINDS} and a name")
        known = out.setdefault(ags, [])
        if any(p.code == code for p in known):
            raise GeoError(f"{path.name}, line {line}: code {code} twice for {ags}")
        lat, lon, located_by, located_at = _locate(path.name, line, ags, cell)
        known.append(Place(ags, code, kind, name, lat, lon, located_by, located_at, cell.get("quelle", "")))
    return {ags: tuple(places) for ags, places in out.items()}


def _locate(file: str, line: int, ags: str, cell: dict[str, str]) -> tuple[float, float, str, str]:
    given = [k for k in ("ortsteil", "gemeinde", "breite") if cell.get(k)]
    if len(given) != 1 or bool(cell.get("breite")) != bool(cell.get("laenge")):
        raise GeoError(f"{file}, line {line}: give exactly one of ortsteil, gemeinde, or breite and laenge")
    if cell.get("ortsteil"):
        found = next((d for d in districts.of(ags) if d.code == cell["ortsteil"]), None)
        position = district_position(found) if found is not None else None
        if position is None:
            raise GeoError(f"{file}, line {line}: Ortsteil {cell['ortsteil']} of {ags} has no position")
        return position.lat, position.lon, ORTSTEIL, found.name
    if cell.get("gemeinde"):
        other = area(cell["gemeinde"])
        if other is None:
            raise GeoError(f"{file}, line {line}: no boundary for Gemeinde {cell['gemeinde']}")
        return other.centre[0], other.centre[1], GEMEINDE, other.name
    try:
        return decimal(cell["breite"]), decimal(cell["laenge"]), BUILDING, ""
    except ValueError as error:
        raise GeoError(f"{file}, line {line}: coordinates {cell['breite']!r}, {cell['laenge']!r}") from error


def places(ags: str) -> tuple[Place, ...]:
    return load_places().get(ags, ())

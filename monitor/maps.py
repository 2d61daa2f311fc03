"""The map of the page Karte as a pydeck Deck, from a views.karte.MapModel (no Streamlit here).

pydeck sends a string argument as an expression over each object ("radius": the object's radius); a constant
string is written in quotes ("'pixels'").

Offline by design: ``map_provider=None`` draws no base map, so the browser asks no tile server, no CDN and no
Mapbox; the official boundaries are the only background. What the Deck carries to the browser is what the model
holds: names, positions, the published counts and their texts, never a withheld count. A circle's area is its
count (radius in pixels, so that it reads the same at every zoom); a withheld or merged Ortsteil has a label
"•" and no circle.
"""

from __future__ import annotations

import math

import pydeck as pdk

from monitor.geo import Area
from monitor.texts import karte as texts
from monitor.views.karte import MapModel
from monitor.views.vergleich import Comparison

GEMEINDE_FILL = [31, 119, 180, 40]
GEMEINDE_LINE = [31, 119, 180, 255]
NEIGHBOUR_LINE = [110, 110, 110, 200]
CIRCLE_FILL = [214, 39, 40, 170]
CIRCLE_LINE = [120, 20, 20, 255]
TEXT = [20, 20, 20, 255]
PLACE_FILL = {"kursort": [44, 160, 44, 255], "cafe": [148, 103, 189, 255], "partner": [140, 86, 75, 255]}
WHITE = [255, 255, 255, 255]
MIN_RADIUS_PX, RADIUS_PX_PER_ROOT = 4, 3  # a count of n: 4 + 3 * sqrt(n) pixels
MAP_WIDTH_PX, MAP_HEIGHT_PX = 560, 520  # the map beside its table on a 1366 px screen
LABEL_GAP_PX = 4
WORLD_PX = 512  # deck.gl's world is 512 pixels wide at zoom 0


def radius(count: int) -> float:
    return MIN_RADIUS_PX + RADIUS_PX_PER_ROOT * math.sqrt(count)


def _polygons(model: MapModel) -> list[dict]:
    """The Landkreis' Gemeinden as GeoJSON features: the chosen one filled, the others in outline."""
    features = []
    for area in model.kreis:
        own = area.ags == model.ags
        features.append({
            "type": "Feature",
            "geometry": {"type": "MultiPolygon",
                         "coordinates": [[[list(p) for p in ring] for ring in polygon] for polygon in area.polygons]},
            "properties": {"fill": GEMEINDE_FILL if own else [0, 0, 0, 0],
                           "line": GEMEINDE_LINE if own else NEIGHBOUR_LINE, "width": 3 if own else 1,
                           "tooltip": area.name},
        })
    return features


def view(model: MapModel, width: int = MAP_WIDTH_PX, height: int = MAP_HEIGHT_PX) -> pdk.ViewState:
    """Centred on the Gemeinde and its places, zoomed so that they fit the map."""
    lats, lons = [], []
    if model.area is not None:
        south, west, north, east = model.area.bounds()
        lats += [south, north]
        lons += [west, east]
    lats += [p.lat for p in model.places] + [m.lat for m in model.markers]
    lons += [p.lon for p in model.places] + [m.lon for m in model.markers]
    return _fit(lats, lons, width, height, margin=1.2)


def _fit(lats: list[float], lons: list[float], width: int, height: int, margin: float) -> pdk.ViewState:
    """Centred on the points, zoomed so that they fit the map with `margin` (1.2: a fifth more around them)."""
    if not lats:
        return pdk.ViewState(latitude=51.2, longitude=10.4, zoom=5)
    lat, lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    span_lon = max(max(lons) - min(lons), 0.01) * margin
    span_lat = max(max(lats) - min(lats), 0.01) * margin / math.cos(math.radians(lat))
    zoom = min(math.log2(360 * width / WORLD_PX / span_lon), math.log2(360 * height / WORLD_PX / span_lat))
    return pdk.ViewState(latitude=lat, longitude=lon, zoom=round(min(zoom, 13), 2))


def deck(model: MapModel, label_px: int = 14, width: int = MAP_WIDTH_PX, height: int = MAP_HEIGHT_PX,
         with_places: bool = True) -> pdk.Deck:
    """The map; `label_px` the size of the Ortsteile's labels, `width` and `height` what it is zoomed for. The
    meeting mode's map has larger labels and leaves out the places of the measures (small symbols)."""
    circles = [{"position": [m.lon, m.lat], "radius": radius(m.value), "tooltip": m.tooltip}
               for m in model.markers if m.value]
    # each label to the right of its point, clear of its circle
    labels = [{"position": [m.lon, m.lat], "text": f"{m.name}\n{m.text}", "tooltip": m.tooltip,
               "offset": [round(radius(m.value) if m.value else MIN_RADIUS_PX) + LABEL_GAP_PX, 0]}
              for m in model.markers]
    places = [{"position": [p.lon, p.lat], "text": texts.PLACE_SYMBOLS[p.kind], "fill": PLACE_FILL[p.kind],
               "offset": [-32 - 16 * (i % 3), -18 * (i // 3)],  # left of the point, beside its circle
               "tooltip": texts.TOOLTIP_PLACE.format(kind=texts.PLACE_KINDS[p.kind], name=p.name,
                                                     location=p.located_at or texts.PLACE_BUILDING)}
              for i, p in enumerate(model.places if with_places else ())]
    layers = [
        pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": _polygons(model)}, id="gemeinden",
                  stroked=True, filled=True, get_fill_color="properties.fill", get_line_color="properties.line",
                  get_line_width="properties.width", line_width_units="'pixels'", pickable=True),
        pdk.Layer("ScatterplotLayer", circles, id="faelle", get_position="position", get_radius="radius",
                  radius_units="'pixels'", get_fill_color=CIRCLE_FILL, get_line_color=CIRCLE_LINE, stroked=True,
                  line_width_units="'pixels'", get_line_width=1, pickable=True),
        pdk.Layer("TextLayer", labels, id="ortsteile", get_position="position", get_text="text", get_size=label_px,
                  get_color=TEXT, get_pixel_offset="offset", get_text_anchor='"start"',
                  get_alignment_baseline='"center"', character_set="'auto'", font_family="'DejaVu Sans, sans-serif'",
                  background=True, get_background_color=[255, 255, 255, 200], pickable=True),
        pdk.Layer("TextLayer", places, id="orte", get_position="position", get_text="text", get_size=13,
                  get_color=WHITE, get_pixel_offset="offset", background=True, get_background_color="fill",
                  background_padding=[4, 2], font_weight="'bold'", pickable=True),
    ]
    return pdk.Deck(layers=layers, initial_view_state=view(model, width, height), map_provider=None,
                    tooltip={"text": "{tooltip}"})


def _bounds_view(areas: list[Area], width: int, height: int) -> pdk.ViewState:
    boxes = [area.bounds() for area in areas]
    return _fit([b[0] for b in boxes] + [b[2] for b in boxes], [b[1] for b in boxes] + [b[3] for b in boxes],
                width, height, margin=1.1)


def comparison_deck(comparison: Comparison, areas: list[Area], width: int = MAP_WIDTH_PX,
                    height: int = MAP_HEIGHT_PX) -> pdk.Deck:
    """The Gemeinden compared, each filled with the shade of its figure (grey without one), the other Gemeinden of
    their Landkreise in outline, each compared one named with its figure. What it carries is what the table
    prints."""
    shades = {shade.ags: shade for shade in comparison.shades}
    features, labels = [], []
    for area in areas:
        shade = shades.get(area.ags)
        features.append({
            "type": "Feature",
            "geometry": {"type": "MultiPolygon",
                         "coordinates": [[[list(p) for p in ring] for ring in polygon] for polygon in area.polygons]},
            "properties": {"fill": [*shade.colour, 230] if shade else [0, 0, 0, 0],
                           "line": GEMEINDE_LINE if shade else NEIGHBOUR_LINE,
                           "tooltip": shade.tooltip if shade else area.name},
        })
        if shade is not None:
            labels.append({"position": [area.centre[1], area.centre[0]], "text": f"{area.name}\n{shade.label}",
                           "tooltip": shade.tooltip})
    layers = [
        pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": features}, id="vergleich",
                  stroked=True, filled=True, get_fill_color="properties.fill", get_line_color="properties.line",
                  get_line_width=1, line_width_units="'pixels'", pickable=True),
        pdk.Layer("TextLayer", labels, id="namen", get_position="position", get_text="text", get_size=12,
                  get_color=TEXT, character_set="'auto'", font_family="'DejaVu Sans, sans-serif'", background=True,
                  get_background_color=[255, 255, 255, 190], pickable=True),
    ]
    return pdk.Deck(layers=layers, initial_view_state=_bounds_view(areas, width, height), map_provider=None,
                    tooltip={"text": "{tooltip}"})

#!/usr/bin/env python3
"""Independent reference values for the enrichment tests.

Computes, from the raw shared reference data (../../../../shared/data, the
unsimplified GeoJSON) and with code that shares nothing with farsight's Go
implementation (3-D unit vectors, great-circle arcs, even-odd point in
polygon): for each reference point and date, whether it lies in Ukraine's
outline and in the occupied area of the latest snapshot on or before the
date, the distance to Ukraine's outline (0 inside), the distance to the
contact line (the occupied area's boundary vertices more than 10 km from
Ukraine's outline, joined into runs), and the sea the point is in or within
25 km of. Python 3 standard library only.

    python3 reference.py > reference.json
"""
import bisect, glob, json, math, os, sys

R = 6371.0088
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, "../../../../shared/data"))

POINTS = [
    ("Kaspiysk", 42.8817, 47.6392, "2024-11-06"),
    ("Sevastopol", 44.6054, 33.5221, "2024-11-06"),
    ("Simferopol", 44.9521, 34.1024, "2023-06-02"),
    ("Donetsk", 48.0159, 37.8029, "2024-11-06"),
    ("Kherson before", 46.6354, 32.6169, "2022-10-15"),
    ("Kherson after", 46.6354, 32.6169, "2022-12-05"),
    ("Novorossiysk", 44.7239, 37.7708, "2024-11-06"),
    ("Engels", 51.4850, 46.1263, "2024-11-06"),
    ("Kyiv", 50.4501, 30.5234, "2024-11-06"),
    ("Lviv", 49.8397, 24.0297, "2024-11-06"),
    ("Belgorod", 50.5997, 36.5983, "2024-11-06"),
    ("Kursk", 51.7373, 36.1874, "2024-11-06"),
    ("Sea of Azov", 46.0, 36.5, "2024-11-06"),
    ("Moscow", 55.7558, 37.6173, "2024-11-06"),
    ("Odesa", 46.4825, 30.7233, "2025-06-02"),
    ("Kharkiv", 49.9935, 36.2304, "2025-06-02"),
    ("Zaporizhzhia", 47.8388, 35.1396, "2025-06-02"),
    ("Melitopol", 46.8489, 35.3675, "2023-06-02"),
    ("Before the first snapshot", 48.0159, 37.8029, "2022-03-01"),
]


def vec(lon, lat):
    la, lo = math.radians(lat), math.radians(lon)
    return (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))


def dot(a, b):
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def cross(a, b):
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def norm(a):
    n = math.sqrt(dot(a, a))
    return (a[0] / n, a[1] / n, a[2] / n) if n else a


def angle(a, b):
    return math.atan2(math.sqrt(dot(cross(a, b), cross(a, b))), dot(a, b))


def arc_km(p, a, b):
    """Great-circle distance from p to the minor arc a-b, in km."""
    n = cross(a, b)
    if dot(n, n) < 1e-30:
        return angle(p, a) * R
    n = norm(n)
    c = norm(tuple(p[i] - dot(p, n) * n[i] for i in range(3)))
    if abs(angle(a, c) + angle(c, b) - angle(a, b)) < 1e-12:
        return angle(p, c) * R
    return min(angle(p, a), angle(p, b)) * R


def rings(geom):
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    return [ring for poly in polys for ring in poly]


def load(path):
    d = json.load(open(path))
    if d["type"] == "FeatureCollection":
        return [f for f in d["features"]]
    return [d]


def inside(lon, lat, geom):
    """Even-odd rule over all rings (holes included)."""
    c = False
    for ring in rings(geom):
        for i in range(len(ring) - 1):
            (x1, y1), (x2, y2) = ring[i][:2], ring[i + 1][:2]
            if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
                c = not c
    return c


class Lines:
    """Segments with a coarse grid, for exact nearest-arc queries."""

    def __init__(self, lines):
        self.segs = []
        for ln in lines:
            for i in range(len(ln) - 1):
                (x1, y1), (x2, y2) = ln[i][:2], ln[i + 1][:2]
                self.segs.append((min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2), vec(x1, y1), vec(x2, y2)))

    def nearest(self, lon, lat):
        p = vec(lon, lat)
        best = math.inf
        # Grow a window until a segment is found, then search the window that
        # must contain anything nearer.
        for deg in (0.3, 1, 3, 10, 40, 180):
            cand = [s for s in self.segs if s[0] - deg <= lon <= s[2] + deg and s[1] - deg <= lat <= s[3] + deg]
            if cand:
                best = min(arc_km(p, s[4], s[5]) for s in cand)
                # A point outside the window is at least this far away.
                if best <= deg * 111.19 * math.cos(math.radians(min(abs(lat) + deg, 89))):
                    return best
        return min(arc_km(p, s[4], s[5]) for s in self.segs)


def main():
    ukraine = load(os.path.join(DATA, "border/ukraine.geojson"))[0]["geometry"]
    outline = Lines(rings(ukraine))
    seas = [(f["properties"]["name"], f["geometry"]) for f in load(os.path.join(DATA, "seas/seas.geojson"))]
    sea_lines = [(n, Lines(rings(g))) for n, g in seas]
    snaps = sorted(glob.glob(os.path.join(DATA, "frontline/occupied_*.geojson")))
    dates = [os.path.basename(s)[9:19] for s in snaps]
    cache = {}

    def snapshot(date):
        i = bisect.bisect_right(dates, date)
        if i == 0:
            return None, None, None
        if i not in cache:
            geom = load(snaps[i - 1])[0]["geometry"]
            runs = []
            for ring in rings(geom):
                run = []
                for v in ring:
                    if outline.nearest(v[0], v[1]) <= 10:
                        if len(run) >= 2:
                            runs.append(run)
                        run = []
                    else:
                        run.append(v)
                if len(run) >= 2:
                    runs.append(run)
            cache[i] = (dates[i - 1], geom, Lines(runs))
        return cache[i]

    out = []
    for name, lat, lon, date in POINTS:
        in_ua = inside(lon, lat, ukraine)
        rec = {"name": name, "lat": lat, "lon": lon, "date": date, "in_ukraine": in_ua,
               "border_km": 0.0 if in_ua else round(outline.nearest(lon, lat), 2)}
        sdate, geom, contact = snapshot(date)
        if sdate:
            rec["frontline_date"] = sdate
            rec["in_occupied"] = inside(lon, lat, geom)
            rec["front_km"] = round(contact.nearest(lon, lat), 2)
        sea = ""
        for n, g in seas:
            if inside(lon, lat, g):
                sea = n
        if not sea:
            near = [(ln.nearest(lon, lat), n) for n, ln in sea_lines]
            d, n = min(near)
            if d <= 25:
                sea = n
        rec["marine_region"] = sea
        out.append(rec)
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

// Grid clustering of point markers (see docs/ui.md for why not
// Leaflet.markercluster). At each zoom level the world is cut into square
// cells of cellPx screen pixels; a cell holding two or more items becomes
// one cluster marker showing the count, a cell with one item shows the
// item's own marker. Cells are fixed in projected space, so panning never
// regroups markers and only a zoom change recomputes them.

import { h } from "./dom.js";

// group assigns items ({latlng}) to cells at zoom; project(latlng, zoom)
// returns a point {x, y} in pixels. It returns the groups in input order
// of their first item.
export function group(items, project, zoom, cellPx) {
  const cells = new Map();
  for (const it of items) {
    const p = project(it.latlng, zoom);
    const key = `${Math.floor(p.x / cellPx)}:${Math.floor(p.y / cellPx)}`;
    let g = cells.get(key);
    if (!g) {
      g = [];
      cells.set(key, g);
    }
    g.push(it);
  }
  return [...cells.values()];
}

// ClusterLayer draws items on a map, clustered by grid cells.
//
// options:
//   cellPx        cell size in pixels (default 40)
//   marker(item)  returns the Leaflet layer of one item
//   color(items)  returns the CSS colour of a cluster's ring
//   onSpread(items)  called when a cluster cannot be split by zooming in
//                 (its items share one place, or the map is at max zoom)
export class ClusterLayer {
  constructor(map, options) {
    this.map = map;
    this.opts = { cellPx: 40, ...options };
    this.items = [];
    this.layer = L.layerGroup().addTo(map);
    map.on("zoomend", () => this.redraw());
  }

  // setItems replaces the items and redraws.
  setItems(items) {
    this.items = items;
    this.redraw();
  }

  redraw() {
    this.layer.clearLayers();
    const zoom = this.map.getZoom();
    const project = (ll, z) => this.map.project(ll, z);
    for (const g of group(this.items, project, zoom, this.opts.cellPx)) {
      this.layer.addLayer(g.length === 1 ? this.opts.marker(g[0]) : this.clusterMarker(g));
    }
  }

  clusterMarker(items) {
    let lat = 0;
    let lng = 0;
    for (const it of items) {
      lat += it.latlng.lat;
      lng += it.latlng.lng;
    }
    const center = L.latLng(lat / items.length, lng / items.length);
    const size = items.length < 10 ? 28 : items.length < 100 ? 34 : 40;
    const ring = this.opts.color ? this.opts.color(items) : "#333";
    const count = h("span", { class: "fs-cluster-count", text: items.length });
    count.style.borderColor = ring;
    const icon = L.divIcon({ className: "fs-cluster", iconSize: [size, size], html: count });
    const m = L.marker(center, { icon, keyboard: true, title: `${items.length} events: zoom in`, alt: `${items.length} events` });
    m.on("click", () => this.expand(items));
    return m;
  }

  expand(items) {
    const map = this.map;
    const bounds = L.latLngBounds(items.map((it) => it.latlng));
    const maxZoom = map.getMaxZoom();
    const ne = map.project(bounds.getNorthEast(), maxZoom);
    const sw = map.project(bounds.getSouthWest(), maxZoom);
    const samePlace = Math.abs(ne.x - sw.x) < this.opts.cellPx && Math.abs(ne.y - sw.y) < this.opts.cellPx;
    if (samePlace || map.getZoom() >= maxZoom) {
      this.opts.onSpread?.(items);
      return;
    }
    const z = Math.min(maxZoom, Math.max(map.getBoundsZoom(bounds.pad(0.2)), map.getZoom() + 1));
    map.setView(bounds.getCenter(), z);
  }
}

// Thin Leaflet bindings for the point map. Rust hands over plain data (JSON strings);
// this module owns the Leaflet objects. Leaflet and Leaflet.markercluster come from our
// own origin, loaded by each build's HTML before the app (window.L).

// The district's bounding box, so the first view shows all of Huli before any data.
const HULI_BOUNDS = [[24.4766, 118.0672], [24.5645, 118.1997]];

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export class PointMap {
  constructor(element, tileLayersJson, zoomInTitle, zoomOutTitle) {
    const L = window.L;
    if (!L) throw new Error('Leaflet is not loaded');
    // Without tiles the map has no zoom limit of its own; clustering needs one.
    this.map = L.map(element, { zoomSnap: 0.5, minZoom: 11, maxZoom: 18, zoomControl: false });
    L.control.zoom({ zoomInTitle, zoomOutTitle }).addTo(this.map);
    // A district government's map carries no flag: Leaflet is credited by name only.
    this.map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    this.markers = new Map();
    this.selected = null;
    // Points too close to tell apart at this zoom share one marker that says how many;
    // it zooms in when chosen, and spreads them apart at the closest zoom.
    this.clusterLabel = (count) => String(count);
    this.clusters = L.markerClusterGroup({
      showCoverageOnHover: false,
      // 30 points: keep them all on the map, also those scrolled out of view.
      removeOutsideVisibleBounds: false,
      iconCreateFunction: (cluster) => {
        const count = cluster.getChildCount();
        const ids = cluster.getAllChildMarkers().map((marker) => marker.pointId).join(' ');
        return L.divIcon({
          className: 'point-cluster',
          html: `<span aria-hidden="true">${count}</span><span class="visually-hidden" data-point-ids="${ids}">${escapeHtml(this.clusterLabel(count))}</span>`,
          iconSize: [40, 40],
        });
      },
    });
    this.clusters.addTo(this.map);
    // A cluster is a button: Enter zooms in through Leaflet's own handling, Space too.
    element.addEventListener('keydown', (event) => {
      if (event.key === ' ' && event.target.classList?.contains('point-cluster')) {
        event.preventDefault();
        event.target.click();
      }
    });
    this.fit();
    // The element's size settles only after layout, and changes with the screen: show
    // the whole district again whenever it does.
    this.resizeObserver = new ResizeObserver(() => {
      this.map.invalidateSize({ pan: false });
      this.fit();
    });
    this.resizeObserver.observe(element);
    for (const layer of JSON.parse(tileLayersJson)) {
      L.tileLayer(layer.url_template, {
        subdomains: layer.subdomains.length > 0 ? layer.subdomains : 'abc',
        attribution: layer.attribution,
        maxZoom: layer.max_zoom,
      }).addTo(this.map);
    }
  }

  // The whole district in view, centred on the selected point if there is one.
  fit() {
    this.map.fitBounds(HULI_BOUNDS, { animate: false });
    const marker = this.markers.get(this.selected);
    if (marker) this.map.panTo(marker.getLatLng(), { animate: false });
  }

  setOutline(geojsonText) {
    window.L.geoJSON(JSON.parse(geojsonText), {
      interactive: false,
      style: { color: '#b91c1c', weight: 2, fillColor: '#fde68a', fillOpacity: 0.25 },
    }).addTo(this.map);
  }

  // markers: [{ id, lat, lon, label, category, glyph }]; onSelect(id) on click or Enter.
  // clusterLabel names a cluster for screen readers, with "{n}" for its number of points.
  setMarkers(markersJson, clusterLabel, onSelect) {
    const L = window.L;
    this.clusterLabel = (count) => clusterLabel.replace('{n}', String(count));
    this.clusters.clearLayers();
    this.markers.clear();
    const markers = [];
    for (const m of JSON.parse(markersJson)) {
      const marker = L.marker([m.lat, m.lon], {
        icon: L.divIcon({
          className: `point-marker point-marker-${m.category}`,
          html: `<span aria-hidden="true">${escapeHtml(m.glyph)}</span>`,
          iconSize: [34, 34],
        }),
        keyboard: true,
        title: m.label,
        riseOnHover: true,
      });
      marker.pointId = m.id;
      marker.on('click', () => onSelect(m.id));
      // Leaflet draws a new element each time a marker leaves a cluster: each one gets
      // its name, its id and its state again.
      marker.on('add', () => {
        const element = marker.getElement();
        // Leaflet makes a keyboard marker a focusable button but only opens popups on
        // Enter; a button also answers Enter and Space.
        element.addEventListener('keydown', (event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            onSelect(m.id);
          }
        });
        element.setAttribute('aria-label', m.label);
        element.dataset.pointId = String(m.id);
        this.showSelection(m.id, marker);
      });
      markers.push(marker);
      this.markers.set(m.id, marker);
    }
    this.clusters.addLayers(markers);
    this.select(this.selected);
  }

  showSelection(id, marker) {
    const isSelected = id === this.selected;
    const element = marker.getElement();
    element?.classList.toggle('is-selected', isSelected);
    element?.setAttribute('aria-pressed', String(isSelected));
    marker.setZIndexOffset(isSelected ? 1000 : 0);
  }

  select(id) {
    this.selected = id ?? null;
    for (const [markerId, marker] of this.markers) this.showSelection(markerId, marker);
    const marker = this.markers.get(this.selected);
    if (!marker) return;
    const animate = !matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (this.clusters.getVisibleParent(marker) === marker) {
      this.map.panTo(marker.getLatLng(), { animate });
    } else {
      // Inside a cluster: zoom in until it stands alone.
      this.clusters.zoomToShowLayer(marker, () => this.map.panTo(marker.getLatLng(), { animate }));
    }
  }

  // Where the visitor is ("nearest to me"), or nothing: a dot named for screen readers,
  // in view together with the nearest point.
  showPosition(lat, lon, label, nearestId) {
    const L = window.L;
    this.position?.remove();
    this.position = null;
    if (lat === undefined) return;
    this.position = L.marker([lat, lon], {
      icon: L.divIcon({ className: 'position-marker', html: '<span></span>', iconSize: [22, 22] }),
      keyboard: false,
      interactive: false,
      zIndexOffset: 2000,
    }).addTo(this.map);
    const element = this.position.getElement();
    element?.setAttribute('role', 'img');
    element?.setAttribute('aria-label', label);
    const nearest = this.markers.get(nearestId);
    const view = nearest ? L.latLngBounds([[lat, lon], nearest.getLatLng()]) : L.latLngBounds([[lat, lon], [lat, lon]]);
    this.map.fitBounds(view.pad(0.3), { maxZoom: 16, animate: false });
  }

  // One marker that staff drag to correct a point's place; onMove(lat, lon) after each
  // drag. It is not a keyboard control: the typed coordinates beside the map are.
  setPlace(lat, lon, onMove) {
    const L = window.L;
    this.place?.remove();
    this.place = L.marker([lat, lon], {
      icon: L.divIcon({ className: 'point-marker place-marker', html: '<span aria-hidden="true">●</span>', iconSize: [34, 34] }),
      draggable: true,
      keyboard: false,
      autoPan: true,
    });
    this.place.on('dragend', () => {
      const at = this.place.getLatLng();
      onMove(at.lat, at.lng);
    });
    this.place.addTo(this.map);
    this.place.getElement()?.setAttribute('aria-hidden', 'true');
    this.map.panTo([lat, lon], { animate: false });
  }

  movePlace(lat, lon) {
    this.place?.setLatLng([lat, lon]);
  }

  // The marker of `id`, or the cluster that holds it.
  focusMarker(id) {
    const marker = this.markers.get(id);
    if (marker) this.clusters.getVisibleParent(marker)?.getElement()?.focus();
  }

  destroy() {
    this.resizeObserver.disconnect();
    this.map.remove();
  }
}

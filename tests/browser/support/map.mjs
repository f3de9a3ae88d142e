// What the Leaflet map shows, read from the page: a point stands alone as a marker, or
// inside a cluster of points too close to tell apart at the current zoom.

/// The ids of the points the map shows, sorted: its markers' and its clusters'.
export async function mapPointIds(scope) {
  const singles = await scope
    .locator('.leaflet-marker-icon.point-marker[data-point-id]')
    .evaluateAll((markers) => markers.map((m) => Number(m.dataset.pointId)));
  const clustered = await scope
    .locator('.leaflet-marker-icon.point-cluster [data-point-ids]')
    .evaluateAll((clusters) => clusters.flatMap((c) => c.dataset.pointIds.split(' ').map(Number)));
  return [...singles, ...clustered].sort((a, b) => a - b);
}

/// Waits until the map shows exactly `expected` (ids, any order), markers and clusters
/// settled; returns what it shows last.
export async function waitForMapPoints(scope, expected, timeoutMs = 10000) {
  const want = [...expected].sort((a, b) => a - b);
  const deadline = Date.now() + timeoutMs;
  let shown = [];
  while (Date.now() < deadline) {
    shown = await mapPointIds(scope);
    if (shown.length === want.length && shown.every((id, i) => id === want[i])) return shown;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return shown;
}

/// The on-screen boxes of the map's markers and clusters.
export async function markerBoxes(scope) {
  return scope
    .locator('.leaflet-marker-icon.point-marker, .leaflet-marker-icon.point-cluster')
    .evaluateAll((icons) => icons.map((icon) => {
      const { left, top, right, bottom } = icon.getBoundingClientRect();
      return { left, top, right, bottom };
    }));
}

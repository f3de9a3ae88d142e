// Our service worker (public/sw.js), for the residents' and the volunteers' pages: a page
// opened once opens again without a connection. Browsers without service workers (some
// in-app browsers) and pages not served over HTTPS do without it.
export function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker
    .register('/sw.js', { scope: '/', updateViaCache: 'none' })
    .catch((error) => console.warn('The page will not open offline:', error));
}

// The visitor's position from the Geolocation API, as [lat, lon]; rejects with
// 'denied' or 'unavailable' so the app can say why it cannot sort by distance.
export function locate(timeoutMs) {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) {
      reject('unavailable');
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => resolve([position.coords.latitude, position.coords.longitude]),
      (error) => reject(error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable'),
      { enableHighAccuracy: false, timeout: timeoutMs, maximumAge: 60000 },
    );
  });
}

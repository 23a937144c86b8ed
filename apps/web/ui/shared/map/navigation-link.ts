/** The Navigate hand-off for one stop: the country's map app, or `geo:` (Android and iOS open the phone's map app). */
export function navigationLink(
  config: { navigationUrl: string | null } | undefined,
  stop: { lat: number; lng: number; name: string },
): string {
  const lat = stop.lat.toFixed(6);
  const lng = stop.lng.toFixed(6);
  const template = config?.navigationUrl;
  if (template) {
    return template.replaceAll('{lat}', lat).replaceAll('{lng}', lng).replaceAll('{name}', encodeURIComponent(stop.name));
  }
  return `geo:${lat},${lng}?q=${lat},${lng}(${encodeURIComponent(stop.name)})`;
}

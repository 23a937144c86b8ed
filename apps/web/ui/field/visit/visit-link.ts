/** The check-in screen of a target; its name and position travel in the link so the screen works offline. */
export function visitLink(target: { type: string; id: string; name: string; lat: number; lng: number }): string {
  const query = new URLSearchParams({ name: target.name, lat: String(target.lat), lng: String(target.lng) });
  return `/visit/${target.type}/${target.id}?${query}`;
}

/** The zone this device's clock is set to (`Europe/Sarajevo`), or null when the browser will not say. */
export function deviceTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

/** Every IANA zone the browser knows; a browser too old to list them offers the device's zone only. */
function knownTimeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  try {
    return intl.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

/**
 * The time zones to choose from, as Select options: the browser's list,
 * with the saved and the device's zone added when it lacks them (Chromium
 * leaves out `UTC`, which the server may hold). Underscores read as spaces.
 */
export function timeZoneOptions(...extra: (string | null | undefined)[]): { value: string; label: string }[] {
  const zones = new Set(knownTimeZones());
  for (const zone of extra) if (zone) zones.add(zone);
  return [...zones].sort().map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }));
}

/**
 * Whether `live` has every field of `desired` with the same value: objects may have more fields
 * (what the API server defaulted, what controllers wrote), arrays must have the same length and
 * each item cover the desired one. Tells whether applying `desired` would change anything.
 */
export function coversFields(live: unknown, desired: unknown): boolean {
  if (Array.isArray(desired)) {
    return (
      Array.isArray(live) &&
      live.length === desired.length &&
      desired.every((item, index) => coversFields(live[index], item))
    );
  }
  if (desired !== null && typeof desired === 'object') {
    if (live === null || typeof live !== 'object' || Array.isArray(live)) {
      return false;
    }
    const liveObject = live as Record<string, unknown>;
    return Object.entries(desired).every(
      ([key, value]) =>
        value === undefined || coversFields(liveObject[key], value),
    );
  }
  return live === desired;
}

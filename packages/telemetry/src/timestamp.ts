/**
 * Timestamps in Go's `2006-01-02T15:04:05.000000Z07:00` layout, as hclog
 * writes them and Terraform parses them.
 *
 * @module
 */

/** A point in time with microsecond precision: microseconds since the Unix epoch. */
export type EpochMicros = number;

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

/**
 * Format a time like Go's `2006-01-02T15:04:05.000000Z07:00`: local date and
 * time with exactly six fractional digits, then `Z` when the offset is zero,
 * else `+hh:mm` / `-hh:mm`.
 *
 * @param micros microseconds since the Unix epoch.
 * @param offsetMinutes the zone's offset east of UTC in minutes (e.g. 60 for
 *   `+01:00`); defaults to the host's offset at that instant.
 */
export function formatTimestamp(micros: EpochMicros, offsetMinutes?: number): string {
  const whole = Math.floor(micros);
  const millis = Math.floor(whole / 1000);
  const offset = offsetMinutes ?? -new Date(millis).getTimezoneOffset();
  const shifted = new Date(millis + offset * 60_000);
  const fraction = ((whole % 1_000_000) + 1_000_000) % 1_000_000;
  const year = shifted.getUTCFullYear();
  const date = `${pad(year, 4)}-${pad(shifted.getUTCMonth() + 1, 2)}-${pad(shifted.getUTCDate(), 2)}`;
  const time = `${pad(shifted.getUTCHours(), 2)}:${pad(shifted.getUTCMinutes(), 2)}:${pad(shifted.getUTCSeconds(), 2)}`;
  let zone = "Z";
  if (offset !== 0) {
    const abs = Math.abs(offset);
    zone = `${offset < 0 ? "-" : "+"}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
  }
  return `${date}T${time}.${pad(fraction, 6)}${zone}`;
}

/**
 * The current wall-clock time in microseconds since the epoch.
 *
 * Uses the high-resolution clock for the sub-millisecond digits, but trusts
 * `Date.now()` whenever the two disagree by a millisecond or more (the
 * monotonic clock does not follow wall-clock adjustments).
 */
export function nowMicros(): EpochMicros {
  const wall = Date.now();
  const precise = performance.timeOrigin + performance.now();
  const chosen = Math.abs(precise - wall) < 1 ? precise : wall;
  return Math.floor(chosen * 1000);
}

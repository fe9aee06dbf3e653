import { createHash } from 'node:crypto';

/** A 32-bit seed derived from any list of parts; the same parts always give the same seed. */
export function deriveSeed(...parts: readonly (string | number)[]): number {
  return createHash('sha256').update(parts.join('\u0000')).digest().readUInt32BE(0);
}

/** A UUID-shaped (version 4 layout) id derived from any list of parts. */
export function deriveUuid(...parts: readonly (string | number)[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = '89ab'[Number.parseInt(hex.charAt(16), 16) & 3];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A small, fast, seeded pseudo-random generator (mulberry32). Not for secrets. */
export class SeededRandom {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** `base` with a uniform jitter of ±`jitter` (a fraction), never negative. */
  jittered(base: number, jitter: number): number {
    return Math.max(0, Math.round(base * (1 + jitter * (2 * this.next() - 1))));
  }
}

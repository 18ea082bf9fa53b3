/**
 * Fonts for the PNG renderer (resvg has no fonts of its own). The charts ask for "Liberation Sans, Arial,
 * Helvetica, sans-serif": Liberation Sans has Arial's metrics, which vega's text-width estimate assumes. We load
 * one known font file when present (fast), else let resvg scan the system's fonts (slower, works anywhere).
 */
import { existsSync } from 'node:fs';

/** The font-family list written into every chart spec. */
export const CHART_FONT = 'Liberation Sans, Arial, Helvetica, sans-serif';

/** Candidate font files, in order of preference, with their family names. */
const CANDIDATES: { family: string; files: string[] }[] = [
  // The first file of each candidate is the regular face (required); the others are optional.
  {
    family: 'Liberation Sans',
    files: ['/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf'],
  },
  {
    family: 'DejaVu Sans',
    files: ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'],
  },
  { family: 'Arial', files: ['/Library/Fonts/Arial.ttf'] },
  { family: 'Arial', files: ['C:\\Windows\\Fonts\\arial.ttf', 'C:\\Windows\\Fonts\\arialbd.ttf'] },
];

/** resvg's font options. */
export interface FontOptions {
  loadSystemFonts: boolean;
  fontFiles: string[];
  defaultFontFamily?: string;
  sansSerifFamily?: string;
}

let cached: FontOptions | undefined;

/**
 * The font options for resvg: the first candidate family whose regular file exists, or the system's fonts.
 * @example pngFontOptions() // {loadSystemFonts: false, fontFiles: ['/usr/share/fonts/.../LiberationSans-Regular.ttf', ...], ...}
 */
export function pngFontOptions(): FontOptions {
  if (cached) return cached;
  for (const c of CANDIDATES) {
    if (existsSync(c.files[0])) {
      const files = c.files.filter((f) => existsSync(f));
      cached = { loadSystemFonts: false, fontFiles: files, defaultFontFamily: c.family, sansSerifFamily: c.family };
      return cached;
    }
  }
  cached = { loadSystemFonts: true, fontFiles: [] };
  return cached;
}

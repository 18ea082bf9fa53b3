/**
 * Writing a calibration's folder: its files and the checkpoints it resumed from or wrote, as one set
 * (`writeFolderAtomically`: a reader sees the previous set or the new one, never a mix), and the calibrated
 * scenario also at `--scenario-out` when asked (temporary file, then rename).
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFolderAtomically, type FileContent } from '../../report/atomicFolder.ts';

/** The folder of a calibration's checkpoints inside its output folder. */
export const CHECKPOINT_FOLDER = 'checkpoints';

/**
 * Writes `files` and the checkpoint files found in `<outDir>/checkpoints/` as the whole content of `outDir`;
 * returns the paths written. Throws `FolderWriteError` when the folder cannot be written.
 * @example writeCalibration('results/small-calibration', renderCalibrationFiles(...))
 */
export function writeCalibration(outDir: string, files: ReadonlyMap<string, FileContent>): string[] {
  const all = new Map<string, FileContent>(files);
  const dir = join(outDir, CHECKPOINT_FOLDER);
  if (existsSync(dir)) {
    for (const name of readdirSync(dir).sort()) {
      if (/^generation-\d{3,}\.json$/.test(name)) all.set(`${CHECKPOINT_FOLDER}/${name}`, readFileSync(join(dir, name), 'utf8'));
    }
  }
  return writeFolderAtomically(outDir, all);
}

/**
 * Writes one text file through a temporary name (never half-written).
 * @example writeFileAtomically('scenarios/china-2021-calibrated.yaml', yaml)
 */
export function writeFileAtomically(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

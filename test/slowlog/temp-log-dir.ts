/** Lays fixture files out the way the embedded runner does: `<root>/<server>/log/*.log`. */
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FIXTURES_DIR } from './fixture-lines.ts';

export function tempLogRoot(layout: Record<string, string[]>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'novamart-slowlog-'));
  for (const [server, fixtures] of Object.entries(layout)) {
    const logDir = path.join(root, server, 'log');
    mkdirSync(logDir, { recursive: true });
    for (const fixture of fixtures)
      copyFileSync(path.join(FIXTURES_DIR, fixture), path.join(logDir, fixture));
  }
  return root;
}

/** `novamart report`: reads runs from directories and writes report.html and report.md. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderHtml } from './html.ts';
import { loadRuns } from './load-runs.ts';
import { renderMarkdown } from './markdown.ts';

export class NoRunsError extends Error {
  override readonly name = 'NoRunsError';
}

export async function writeReport(
  dirs: string[],
  outDir: string,
): Promise<{ htmlFile: string; markdownFile: string; markdown: string; runCount: number }> {
  const runs = await loadRuns(dirs);
  if (runs.length === 0) {
    throw new NoRunsError(
      `no load-test results (*.json from novamart loadtest) in ${dirs.join(', ')}`,
    );
  }
  await mkdir(outDir, { recursive: true });
  const htmlFile = path.join(outDir, 'report.html');
  const markdownFile = path.join(outDir, 'report.md');
  const markdown = renderMarkdown(runs);
  await writeFile(htmlFile, await renderHtml(runs));
  await writeFile(markdownFile, markdown);
  return { htmlFile, markdownFile, markdown, runCount: runs.length };
}

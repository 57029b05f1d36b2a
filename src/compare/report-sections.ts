/**
 * Sections added to a written report (report.md and report.html from loadtests/report): the
 * side-by-side comparison, and for the demo the brief service runs and the slow statements. The
 * report writer stays generic; what only a comparison knows is added here.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { escapeHtml } from '../../loadtests/report/escape.ts';

export interface ReportSection {
  /** Heading text, also the HTML section's id once slugged. */
  title: string;
  markdown: string;
  /** Ready HTML for the section's body; every inserted value must already be escaped. */
  html: string;
}

export async function addReportSections(
  files: { htmlFile: string; markdownFile: string },
  sections: ReportSection[],
): Promise<void> {
  if (sections.length === 0) return;
  const markdown = await readFile(files.markdownFile, 'utf8');
  const addedMarkdown = sections.map((s) => `\n## ${s.title}\n\n${s.markdown.trimEnd()}\n`);
  await writeFile(files.markdownFile, `${markdown.trimEnd()}\n${addedMarkdown.join('')}`);

  const html = await readFile(files.htmlFile, 'utf8');
  const addedHtml = sections
    .map(
      (s) =>
        `<section id="${slug(s.title)}">\n<h2>${escapeHtml(s.title)}</h2>\n${s.html}\n</section>`,
    )
    .join('\n');
  // Before the page's scripts, so the sections read as part of the page rather than after it.
  const at = html.indexOf('<script>');
  const insertAt = at >= 0 ? at : html.lastIndexOf('</body>');
  await writeFile(
    files.htmlFile,
    `${html.slice(0, insertAt)}${addedHtml}\n${html.slice(insertAt)}`,
  );
}

/** Preformatted text (a console table) as an HTML block. */
export function preformattedHtml(text: string): string {
  return `<pre>${escapeHtml(text)}</pre>`;
}

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

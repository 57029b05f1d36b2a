/** `novamart report DIR...`: one HTML page and one markdown summary over one or more runs. */
import type { Command } from 'commander';
import { NoRunsError, writeReport } from '../../../loadtests/report/write-report.ts';
import { CliError } from '../errors.ts';

export function registerReport(parent: Command): void {
  parent
    .command('report')
    .description(
      'Write an HTML report with charts and a markdown summary from load-test result directories',
    )
    .argument(
      '<dirs...>',
      'directories holding results JSON (and metrics CSV) from novamart loadtest',
    )
    .option('--out <dir>', 'where report.html and report.md go (default: the first directory)')
    .action(async (dirs: string[], flags: { out?: string }) => {
      try {
        const report = await writeReport(dirs, flags.out ?? dirs[0]);
        process.stdout.write(`${report.markdown}\n`);
        process.stdout.write(`report: ${report.htmlFile}\nsummary: ${report.markdownFile}\n`);
      } catch (err) {
        if (err instanceof NoRunsError) throw new CliError(err.message, 1);
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new CliError(
            `cannot read ${(err as NodeJS.ErrnoException).path}: no such directory`,
            2,
          );
        }
        throw err;
      }
    });
}

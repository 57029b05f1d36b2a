/**
 * The inventory worker's own entry: `novamart worker` without the rest of the CLI, so the worker
 * image (and the embedded target, which runs the image's CMD) loads only src/.
 * Run: `node --import tsx src/worker/main.ts [--endpoint URL] [--concurrency N]`.
 */
import { Command } from 'commander';
import { registerWorker } from '../cli/commands/worker.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const program = new Command('novamart-worker');
registerWorker(program);
await program.parseAsync([...process.argv.slice(0, 2), 'worker', ...process.argv.slice(2)]);

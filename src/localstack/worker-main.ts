/**
 * The inventory worker's entry in the compose stack: `novamart worker` without the rest of the
 * CLI. The full CLI (src/cli/main.ts) loads every command, and with them lib/, local/ and
 * loadtests/, which the worker image leaves out; this loads only src/.
 * Run: `node --import tsx src/localstack/worker-main.ts worker --endpoint http://localstack:4566`.
 */
import { Command } from 'commander';
import { registerWorker } from '../cli/commands/worker.ts';

const program = new Command('novamart');
registerWorker(program);
await program.parseAsync(process.argv);

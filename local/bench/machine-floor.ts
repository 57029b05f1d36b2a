/**
 * The machine's floor: round trips per second to a bare `node:http` server that answers `{}`,
 * in its own process, over the same kind of keep-alive agent the SDK clients use. Nothing the local
 * cloud does can beat it, so it says how much of a figure is the (shared, noisy) machine itself.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { perSecond, runForDuration } from './measure.ts';

const ECHO_SERVER = `
const server = require('node:http').createServer((req, res) => {
  req.resume();
  req.on('end', () => res.end('{}'));
});
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
process.on('SIGTERM', () => process.exit(0));
`;

export interface MachineFloor {
  sequentialPerSecond: number;
  concurrentPerSecond: number;
}

function post(agent: Agent, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', agent }, (res) => {
      res.resume();
      res.on('end', resolve);
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end('{}');
  });
}

export async function measureMachineFloor(settings: {
  durationMs: number;
  warmupMs: number;
  concurrency: number;
}): Promise<MachineFloor> {
  const child = spawn(process.execPath, ['-e', ECHO_SERVER], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  try {
    const [firstLine] = (await once(child.stdout, 'data')) as [Buffer];
    const port = Number(firstLine.toString().trim());
    const sequential = await runForDuration({ ...settings, concurrency: 1 }, () =>
      post(agent, port),
    );
    const concurrent = await runForDuration(settings, () => post(agent, port));
    return {
      sequentialPerSecond: perSecond(sequential),
      concurrentPerSecond: perSecond(concurrent),
    };
  } finally {
    agent.destroy();
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
  }
}

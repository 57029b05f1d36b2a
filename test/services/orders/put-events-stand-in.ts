/**
 * A tiny HTTP server that answers EventBridge PutEvents the way AWS does (awsJson 1.1), recording
 * every entry it accepts and failing the entries a test asks it to. Used where a test needs
 * partial failures on demand, which the local cloud (rightly) never produces.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export interface AcceptedEntry {
  Source: string;
  DetailType: string;
  Detail: string;
  EventBusName: string;
}

export interface PutEventsStandIn {
  endpoint: string;
  accepted: AcceptedEntry[];
  calls: number;
  /** Decides per entry whether to fail it; default accepts everything. */
  shouldFail: (entry: AcceptedEntry, call: number) => boolean;
  close(): Promise<void>;
}

export async function startPutEventsStandIn(): Promise<PutEventsStandIn> {
  const standIn = {
    accepted: [] as AcceptedEntry[],
    calls: 0,
    shouldFail: () => false,
  } as unknown as PutEventsStandIn;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      standIn.calls += 1;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        Entries: AcceptedEntry[];
      };
      const entries = body.Entries.map((entry) => {
        if (standIn.shouldFail(entry, standIn.calls)) {
          return { ErrorCode: 'InternalFailure', ErrorMessage: 'stand-in failed this entry' };
        }
        standIn.accepted.push(entry);
        return { EventId: randomUUID() };
      });
      const failed = entries.filter((entry) => 'ErrorCode' in entry).length;
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify({ FailedEntryCount: failed, Entries: entries }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  standIn.endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  standIn.close = () => new Promise((resolve) => server.close(() => resolve()));
  return standIn;
}

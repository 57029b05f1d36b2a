/**
 * Lambda's REST paths, matched to operations named as AWS names them. The path label (function
 * name or mapping UUID) is the first capture group.
 */
import * as concurrency from './operations/concurrency.ts';
import * as mappings from './operations/event-source-mappings.ts';
import * as functions from './operations/functions.ts';
import { invoke } from './operations/invoke.ts';
import type { Operation } from './service-state.ts';

interface Route {
  method: string;
  path: RegExp;
  name: string;
  operation: Operation;
}

const FN = '([^/]+)';

function route(method: string, path: string, name: string, operation: Operation): Route {
  return { method, path: new RegExp(`^${path}/?$`), name, operation };
}

export const ROUTES: Route[] = [
  route('POST', '/2015-03-31/functions', 'CreateFunction', functions.createFunction),
  route('GET', '/2015-03-31/functions', 'ListFunctions', functions.listFunctions),
  route('GET', `/2015-03-31/functions/${FN}`, 'GetFunction', functions.getFunction),
  route('DELETE', `/2015-03-31/functions/${FN}`, 'DeleteFunction', functions.deleteFunction),
  route(
    'GET',
    `/2015-03-31/functions/${FN}/configuration`,
    'GetFunctionConfiguration',
    functions.getFunctionConfiguration,
  ),
  route(
    'PUT',
    `/2015-03-31/functions/${FN}/configuration`,
    'UpdateFunctionConfiguration',
    functions.updateFunctionConfiguration,
  ),
  route(
    'PUT',
    `/2015-03-31/functions/${FN}/code`,
    'UpdateFunctionCode',
    functions.updateFunctionCode,
  ),
  route('POST', `/2015-03-31/functions/${FN}/policy`, 'AddPermission', functions.addPermission),
  route('POST', `/2015-03-31/functions/${FN}/invocations`, 'Invoke', invoke),
  route(
    'PUT',
    `/2017-10-31/functions/${FN}/concurrency`,
    'PutFunctionConcurrency',
    concurrency.putFunctionConcurrency,
  ),
  route(
    'DELETE',
    `/2017-10-31/functions/${FN}/concurrency`,
    'DeleteFunctionConcurrency',
    concurrency.deleteFunctionConcurrency,
  ),
  route(
    'GET',
    `/2019-09-30/functions/${FN}/concurrency`,
    'GetFunctionConcurrency',
    concurrency.getFunctionConcurrency,
  ),
  route(
    'PUT',
    `/2019-09-25/functions/${FN}/event-invoke-config`,
    'PutFunctionEventInvokeConfig',
    concurrency.putFunctionEventInvokeConfig,
  ),
  route(
    'GET',
    `/2019-09-25/functions/${FN}/event-invoke-config`,
    'GetFunctionEventInvokeConfig',
    concurrency.getFunctionEventInvokeConfig,
  ),
  route(
    'POST',
    '/2015-03-31/event-source-mappings',
    'CreateEventSourceMapping',
    mappings.createEventSourceMapping,
  ),
  route(
    'GET',
    '/2015-03-31/event-source-mappings',
    'ListEventSourceMappings',
    mappings.listEventSourceMappings,
  ),
  route(
    'GET',
    `/2015-03-31/event-source-mappings/${FN}`,
    'GetEventSourceMapping',
    mappings.getEventSourceMapping,
  ),
  route(
    'PUT',
    `/2015-03-31/event-source-mappings/${FN}`,
    'UpdateEventSourceMapping',
    mappings.updateEventSourceMapping,
  ),
  route(
    'DELETE',
    `/2015-03-31/event-source-mappings/${FN}`,
    'DeleteEventSourceMapping',
    mappings.deleteEventSourceMapping,
  ),
];

export function findRoute(
  method: string,
  path: string,
): { route: Route; resource: string } | undefined {
  for (const candidate of ROUTES) {
    if (candidate.method !== method) continue;
    const match = candidate.path.exec(path);
    if (match) return { route: candidate, resource: match[1] ?? '' };
  }
  return undefined;
}

/**
 * The runtime inside each function process (plain JS: it runs under bare `node`, without tsx).
 * It loads the handler named by `_HANDLER` from `LAMBDA_TASK_ROOT` (ESM or CJS), then serves
 * invocations sent by the parent over IPC, one at a time. Console output during an invocation
 * travels back with its result, so the parent can attach it to that invocation's log in order.
 *
 * parent -> child: { id, payload, requestId, invokedFunctionArn, deadlineMs }
 * child -> parent: { id, ok, body, logs, rssBytes } | { logs } (output outside any invocation)
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

const HANDLER_EXTENSIONS = ['.js', '.mjs', '.cjs'];
const env = process.env;
const handlerSpec = env._HANDLER ?? '';
const taskRoot = env.LAMBDA_TASK_ROOT ?? process.cwd();

/** Lines of the invocation running now; undefined between invocations. */
let currentLogs;
let currentRequestId;

function capture(line) {
  if (currentLogs) currentLogs.push(line);
  else process.send?.({ logs: [line] });
}

function patchConsole() {
  const levels = {
    log: 'INFO',
    info: 'INFO',
    warn: 'WARN',
    error: 'ERROR',
    debug: 'DEBUG',
    trace: 'TRACE',
  };
  for (const [method, level] of Object.entries(levels)) {
    console[method] = (...args) => {
      const requestId = currentRequestId ?? 'undefined';
      capture(`${new Date().toISOString()}\t${requestId}\t${level}\t${format(...args)}`);
    };
  }
  const writeTo = (chunk) => {
    capture(String(chunk).replace(/\n$/, ''));
    return true;
  };
  process.stdout.write = writeTo;
  process.stderr.write = writeTo;
}

class RuntimeError extends Error {
  constructor(name, message) {
    super(message);
    this.name = name;
  }
}

async function loadHandler() {
  const dot = handlerSpec.lastIndexOf('.');
  if (dot <= 0 || dot === handlerSpec.length - 1) {
    throw new RuntimeError('Runtime.MalformedHandlerName', `Bad handler ${handlerSpec}`);
  }
  const modulePath = handlerSpec.slice(0, dot);
  const exportName = handlerSpec.slice(dot + 1);
  const file = HANDLER_EXTENSIONS.map((ext) => join(taskRoot, modulePath + ext)).find(existsSync);
  if (!file) {
    throw new RuntimeError(
      'Runtime.ImportModuleError',
      `Error: Cannot find module '${modulePath}' in ${taskRoot} (tried ${HANDLER_EXTENSIONS.join(', ')})`,
    );
  }
  let mod;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (err) {
    throw new RuntimeError('Runtime.ImportModuleError', `Error: ${err?.message ?? String(err)}`);
  }
  // CJS modules whose exports Node cannot detect statically only appear under `default`.
  const handler = mod[exportName] ?? mod.default?.[exportName];
  if (typeof handler !== 'function') {
    throw new RuntimeError(
      'Runtime.HandlerNotFound',
      `${handlerSpec} is undefined or not exported`,
    );
  }
  return handler;
}

function errorPayload(err) {
  if (err instanceof Error) {
    return {
      errorType: err.name || 'Error',
      errorMessage: err.message,
      trace: String(err.stack ?? '').split('\n'),
    };
  }
  return { errorType: typeof err, errorMessage: String(err), trace: [] };
}

function callHandler(handler, event, context) {
  if (handler.length < 3) return handler(event, context);
  // Callback-style handler: settle on the callback or on a returned promise, whichever comes first.
  return new Promise((resolve, reject) => {
    const callback = (err, value) => (err ? reject(err) : resolve(value));
    const returned = handler(event, context, callback);
    if (returned && typeof returned.then === 'function') returned.then(resolve, reject);
  });
}

function contextFor(message) {
  return {
    awsRequestId: message.requestId,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: message.invokedFunctionArn,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, message.deadlineMs - Date.now()),
  };
}

async function invoke(handlerLoading, message) {
  currentLogs = [];
  currentRequestId = message.requestId;
  let ok = true;
  let body;
  try {
    const handler = await handlerLoading;
    const event = message.payload === '' ? {} : JSON.parse(message.payload);
    const result = await callHandler(handler, event, contextFor(message));
    body = JSON.stringify(result) ?? 'null';
  } catch (err) {
    ok = false;
    body = JSON.stringify(errorPayload(err));
  }
  const logs = currentLogs;
  currentLogs = undefined;
  currentRequestId = undefined;
  process.send({ id: message.id, ok, body, logs, rssBytes: process.memoryUsage.rss() });
}

patchConsole();
const handlerLoading = loadHandler();
// Init failures are reported per invocation, like Lambda does; avoid an unhandled rejection.
handlerLoading.catch(() => {});
process.on('message', (message) => {
  invoke(handlerLoading, message);
});
process.on('disconnect', () => process.exit(0));

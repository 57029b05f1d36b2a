/** Failures of `novamart slowlog` a user can act on; each message says what to do. */
export type SlowlogErrorCode =
  | 'DockerNotFound'
  | 'DockerLogsFailed'
  | 'LogDirNotFound'
  | 'CloudWatchLogsFailed'
  | 'RdsLogGroupNotFound';

export class SlowlogError extends Error {
  override readonly name = 'SlowlogError';

  constructor(
    readonly code: SlowlogErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

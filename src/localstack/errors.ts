/** Failures of the LocalStack target's commands, each saying what to do about it. */

export type LocalstackErrorCode =
  | 'DockerRequired'
  | 'ComposeRequired'
  | 'CommandFailed'
  | 'NotDeployed';

export class LocalstackError extends Error {
  override readonly name = 'LocalstackError';

  constructor(
    readonly code: LocalstackErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

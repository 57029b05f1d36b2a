/** Transaction items may name their table by ARN: `arn:aws:dynamodb:<region>:<account>:table/<name>`. */
const TABLE_ARN = /^arn:aws[a-z-]*:dynamodb:[^:]*:[^:]*:table\/([^/]+)$/;

export function tableNameFromNameOrArn(nameOrArn: unknown): unknown {
  if (typeof nameOrArn !== 'string') return nameOrArn;
  return TABLE_ARN.exec(nameOrArn)?.[1] ?? nameOrArn;
}

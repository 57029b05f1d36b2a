/**
 * moto refuses CreateFunction unless the execution role exists in its IAM ("The role defined for
 * the function cannot be assumed by Lambda"); the local cloud, like LocalStack, takes any role ARN.
 * One IAM CreateRole call over the query protocol sets moto up; moto does not check signatures,
 * it only reads the service name from the credential scope.
 */
const ASSUME_ROLE_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
});

/** Creates the role if missing and returns its ARN. */
export async function ensureMotoLambdaRole(endpoint: string, roleName: string): Promise<string> {
  const body = new URLSearchParams({
    Action: 'CreateRole',
    Version: '2010-05-08',
    RoleName: roleName,
    AssumeRolePolicyDocument: ASSUME_ROLE_POLICY,
  });
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization:
        'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0',
    },
    body,
  });
  const text = await res.text();
  const arn = /<Arn>([^<]+)<\/Arn>/.exec(text)?.[1];
  if (!res.ok || !arn)
    throw new Error(`moto's IAM CreateRole answered ${res.status}: ${text.slice(0, 200)}`);
  return arn;
}

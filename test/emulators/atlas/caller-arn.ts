const assumedRole = /^arn:(aws|aws-us-gov|aws-cn):sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\/[\w+=,.@-]+$/;

/**
 * The IAM ARN a database user is registered under for the caller STS reports:
 * `arn:aws:sts::ACCT:assumed-role/ROLE/SESSION` → `arn:aws:iam::ACCT:role/ROLE` (partition kept), any other ARN unchanged.
 */
export function databaseUserArnOfCaller(callerArn: string): string {
  const match = assumedRole.exec(callerArn);
  if (!match) return callerArn;
  const [, partition = '', account = '', role = ''] = match;
  return `arn:${partition}:iam::${account}:role/${role}`;
}

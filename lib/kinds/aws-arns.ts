/** ARN building blocks the kinds' AWS targets share. */
import type { AwsPlace } from './kind';

/** The ARN prefix of a regional service in the environment's account and region, up to the resource part. */
export const regionalBase = (service: string, aws: AwsPlace): string => `arn:aws:${service}:${aws.region}:${aws.accountId}:`;

/** The service of an ARN in any partition, e.g. `s3`, or undefined for no ARN. */
export const arnService = (arn: string): string | undefined => /^arn:aws[a-z-]*:([a-z0-9-]+):/.exec(arn)?.[1];

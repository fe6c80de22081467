/**
 * GraphQL enum values are the database's values in upper case (`image` ↔ IMAGE, `aws_s3` ↔
 * AWS_S3); the database keeps the seed's spellings and CHECK constraints.
 */
export const fromDb = <T extends string>(value: string): T => value.toUpperCase() as T;
export const toDb = (value: string): string => value.toLowerCase();

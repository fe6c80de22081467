/**
 * Input validation for every write, before anything is written: a failure names the field
 * (BAD_USER_INPUT), and nothing reaches the database that its CHECK constraints would reject.
 */
import { badInput, parseInput } from '@sixfold/kit';
import { z } from 'zod';
import type {
  ChangeMediaSubscriptionInput,
  CompleteProcessingJobInput,
  FailProcessingJobInput,
  RegisterMediaFileInput,
  UpdateMediaFileInput,
} from './generated/graphql.js';
import { toDb } from './enums.js';
import { embeddingArg } from './search/similarity.js';
import type { Completion, Failure } from './jobs/queue.js';

const decimal = (scale: number, range: { min?: number; max?: number } = {}) =>
  z
    .string()
    .regex(new RegExp(`^\\d{1,9}(\\.\\d{1,${scale}})?$`), `must be a non-negative decimal with at most ${scale} decimals`)
    .refine((v) => range.min === undefined || Number(v) >= range.min, `must be at least ${range.min}`)
    .refine((v) => range.max === undefined || Number(v) <= range.max, `must be at most ${range.max}`);

const positiveBigInt = z
  .union([z.number(), z.bigint(), z.string()])
  .transform((v, ctx) => {
    try {
      const n = BigInt(v);
      if (n > 0n) return n;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: 'custom', message: 'must be a positive whole number of bytes' });
    return z.NEVER;
  });

const name = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const tags = z.array(name(50)).max(50, 'at most 50 tags').transform((list) => [...new Set(list)]);
const jsonObject = z.record(z.string(), z.unknown(), { message: 'must be a JSON object' });

const registerSchema = z
  .object({
    filename: name(255),
    originalFilename: name(255),
    fileType: z.enum(['IMAGE', 'VIDEO']).transform(toDb),
    mimeType: z.string().regex(/^(image|video)\/[\w.+-]{1,80}$/, 'must be an image/… or video/… media type'),
    fileSizeBytes: positiveBigInt,
    s3Bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,98}[a-z0-9]$/, 'must be an S3 bucket name'),
    s3Key: name(500),
    width: z.number().int().positive().max(100_000).nullish(),
    height: z.number().int().positive().max(100_000).nullish(),
    durationSeconds: decimal(3).nullish(),
    frameRate: decimal(2, { min: 0.01, max: 999 }).nullish(),
    hasAudio: z.boolean().nullish(),
    tags: tags.nullish(),
    customMetadata: jsonObject.nullish(),
    isPrivate: z.boolean().nullish(),
  })
  .superRefine((input, ctx) => {
    if (!input.mimeType.startsWith(`${input.fileType}/`))
      ctx.addIssue({ code: 'custom', path: ['mimeType'], message: `must be a ${input.fileType}/… type for a ${input.fileType}` });
    if ((input.width == null) !== (input.height == null)) ctx.addIssue({ code: 'custom', path: ['height'], message: 'give both width and height, or neither' });
    if (input.fileType === 'image')
      for (const field of ['durationSeconds', 'frameRate'] as const)
        if (input[field] != null) ctx.addIssue({ code: 'custom', path: [field], message: 'applies to videos only' });
  });

export type RegisterMediaFile = z.infer<typeof registerSchema>;
export const parseRegisterMediaFile = (input: RegisterMediaFileInput): RegisterMediaFile => parseInput(registerSchema, input, 'input');

const updateSchema = z.object({
  filename: name(255).nullish(),
  tags: tags.nullish(),
  customMetadata: jsonObject.nullish(),
  isPrivate: z.boolean().nullish(),
});
export const parseUpdateMediaFile = (input: UpdateMediaFileInput) => parseInput(updateSchema, input, 'input');

const subscriptionSchema = z.object({
  tier: z.enum(['FREE', 'PREMIUM', 'ULTIMATE']).transform(toDb).nullish(),
  status: z.enum(['ACTIVE', 'INACTIVE', 'CANCELLED', 'SUSPENDED']).transform(toDb).nullish(),
  endsAt: z.union([z.date(), z.string()]).transform((v) => new Date(v)).nullish(),
  stripeCustomerId: name(255).nullish(),
  stripeSubscriptionId: name(255).nullish(),
});
export const parseChangeSubscription = (input: ChangeMediaSubscriptionInput) => parseInput(subscriptionSchema, input, 'input');

const embeddingSchema = z
  .object({
    vector: z.array(z.number()),
    sourceText: z.string().min(1, 'must not be empty').max(100_000),
    model: name(50).nullish().transform((v) => v ?? 'text-embedding-3-small'),
    version: name(10).nullish().transform((v) => v ?? 'v1'),
    segmentType: z.enum(['FULL', 'TEMPORAL', 'AUDIO', 'VISUAL']).nullish().transform((v) => (v ?? 'FULL').toLowerCase() as 'full' | 'temporal' | 'audio' | 'visual'),
    startTimeSeconds: decimal(3).nullish().transform((v) => v ?? null),
    endTimeSeconds: decimal(3).nullish().transform((v) => v ?? null),
    confidenceScore: decimal(4, { max: 1 }).nullish().transform((v) => v ?? null),
    sourceQuality: z.enum(['high', 'medium', 'low']).nullish().transform((v) => v ?? null),
  })
  .superRefine((e, ctx) => {
    if (e.startTimeSeconds !== null && e.endTimeSeconds !== null && Number(e.startTimeSeconds) > Number(e.endTimeSeconds))
      ctx.addIssue({ code: 'custom', path: ['endTimeSeconds'], message: 'must not be before startTimeSeconds' });
  });

const costSchema = z.object({
  service: z.enum(['AWS_REKOGNITION', 'AWS_TRANSCRIBE', 'AWS_COMPREHEND', 'AWS_S3', 'OPENAI_EMBEDDINGS', 'OPENAI_GPT']).transform(toDb),
  operationType: name(50),
  amount: decimal(4),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD').nullish().transform((v) => v ?? 'USD'),
  billingUnit: name(20).nullish().transform((v) => v ?? null),
  unitsConsumed: decimal(4).nullish().transform((v) => v ?? null),
  referenceId: name(255).nullish().transform((v) => v ?? null),
});

const analysisSchema = z.object({
  aiSummary: z.string().max(20_000).nullish(),
  detectedLabels: z.array(z.unknown(), { message: 'must be a JSON array' }).nullish(),
  detectedFacesCount: z.number().int().nonnegative().nullish(),
  detectedText: z.array(z.string().max(10_000)).nullish(),
  transcriptionText: z.string().max(1_000_000).nullish(),
  sentiment: z.enum(['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED']).nullish(),
  contentWarnings: z.array(name(100)).nullish(),
  thumbnailS3Key: name(500).nullish(),
});

const completionSchema = z.object({
  jobId: z.string(),
  result: z.unknown().optional(),
  analysis: analysisSchema.nullish().transform((v) => v ?? null),
  embeddings: z.array(embeddingSchema).max(1_000).nullish().transform((v) => v ?? []),
  costs: z.array(costSchema).max(100).nullish().transform((v) => v ?? []),
});

export function parseCompletion(input: CompleteProcessingJobInput): Completion {
  const completion = parseInput(completionSchema, input, 'input');
  completion.embeddings.forEach((e, i) => (e.vector = embeddingArg(`input.embeddings.${i}.vector`, e.vector)));
  const fullVersions = completion.embeddings.filter((e) => e.segmentType === 'full').map((e) => `${e.model}/${e.version}`);
  if (new Set(fullVersions).size !== fullVersions.length) throw badInput('input.embeddings', 'at most one FULL embedding per model and version');
  return completion;
}

const failureSchema = z.object({
  jobId: z.string(),
  errorMessage: z.string().trim().min(1, 'must not be empty').max(10_000),
  errorCode: name(50).nullish().transform((v) => v ?? null),
  retryable: z.boolean().nullish().transform((v) => v ?? true),
});
export const parseFailure = (input: FailProcessingJobInput): Failure => parseInput(failureSchema, input, 'input');

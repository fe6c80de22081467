/**
 * Input checks (run with the kit's parseInput) before anything touches the database, so a
 * caller's mistake is a BAD_USER_INPUT naming the field, never a database error.
 */
import { isUuid } from '@sixfold/kit';
import { z } from 'zod';

/**
 * Postgres' uuid syntax (any version), so anything that passes is a valid `uuid` parameter;
 * lower-cased, as the loaders key rows (PostgreSQL answers ids in lower case).
 */
export const id = z.guid('must be a UUID').transform((value) => value.toLowerCase());
export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as ES');
/** Sales-system codes and external-system sources: PYXIS, SAP_COMMERCE. */
export const systemCode = z.string().regex(/^[A-Z][A-Z0-9_]{0,49}$/, 'must be an upper-case code such as PYXIS');
/** `numeric(5,2)` scores from 0 to 100. */
export const score = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'must be a decimal from 0 to 100 with at most two decimals')
  .refine((value) => Number(value) <= 100, 'must be at most 100');
const optional = <S extends z.ZodType>(schema: S) => schema.nullish();

/** Keys a loader may send to Postgres: a malformed id (from an entity reference, say) simply finds nothing. */
export const uuidKeys = (keys: readonly string[]): string[] => keys.filter(isUuid);

// Filters: only the fields that could reach the database malformed need checking; enums and
// scalars were checked by GraphQL already.
export const filters = {
  businessUnit: z.object({ countryCode: optional(countryCode), organizationId: optional(id) }),
  store: z.object({ businessUnitId: optional(id), countryCode: optional(countryCode), search: optional(z.string().trim().min(1).max(100)) }),
  serviceOrder: z.object({
    countryCode: optional(countryCode),
    businessUnitId: optional(id),
    storeId: optional(id),
    salesSystemId: optional(id),
    salesSystemCode: optional(systemCode),
    projectId: optional(id),
    customerId: optional(id),
    externalSystemSource: optional(systemCode),
    externalSalesOrderId: optional(z.string().max(100)),
    externalProjectId: optional(z.string().max(100)),
    externalLeadId: optional(z.string().max(100)),
  }),
  serviceProject: z.object({ countryCode: optional(countryCode), businessUnitId: optional(id), responsibleOperatorId: optional(id), customerId: optional(id) }),
  ownershipChange: z.object({ projectId: optional(id), operatorId: optional(id) }),
  channelConfiguration: z.object({ businessUnitId: optional(id) }),
  integrationEvent: z.object({ salesSystemId: optional(id), businessUnitId: optional(id), serviceOrderId: optional(id), salesOrderId: optional(z.string().max(255)) }),
  operatorWorkload: z.object({ organizationId: optional(id), operatorId: optional(id) }),
  preEstimation: z.object({ businessUnitId: optional(id), salesSystemCode: optional(systemCode), customerId: optional(id) }),
  assessment: z.object({ serviceOrderId: optional(id), triggeredBy: optional(systemCode) }),
  channelPerformance: z.object({ countryCode: optional(countryCode), businessUnitId: optional(id), salesSystemId: optional(id) }),
  externalReference: z.object({ systemSource: systemCode, referenceId: z.string().min(1).max(100) }),
  subscription: z.object({ countryCode: optional(countryCode), businessUnitId: optional(id) }),
};

const jsonObject = z.record(z.string(), z.unknown(), 'must be a JSON object');
const modelVersion = z.string().trim().min(1).max(50);

export const inputs = {
  updateStatus: z.object({ serviceOrderId: id }),
  assignOperator: z.object({
    projectId: id,
    operatorId: optional(id),
    reason: optional(z.string().trim().min(1).max(255)),
  }),
  riskAssessment: z.object({
    serviceOrderId: id,
    riskScore: score,
    modelVersion,
    inputFeatures: jsonObject,
    riskFactors: z
      .array(
        z.object({
          code: z.string().regex(/^[A-Z][A-Z0-9_]{0,99}$/, 'must be an upper-case code such as CLAIM_HISTORY'),
          description: optional(z.string().max(500)),
          weight: optional(z.string().regex(/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/, 'must be a decimal from 0 to 1')),
        }),
      )
      .max(50),
    triggeredBy: z.string().regex(/^[A-Z][A-Z0-9_]{1,49}$/, 'must be an upper-case code such as BATCH_JOB'),
  }),
  potentialAssessment: z.object({
    serviceOrderId: id,
    potentialScore: score,
    modelVersion,
    inputFeatures: jsonObject,
    contributingFactors: z.union([jsonObject, z.array(z.unknown())], 'must be a JSON object or array'),
  }),
  acknowledgeRisk: z.object({ serviceOrderId: id }),
};

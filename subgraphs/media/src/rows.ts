/** The TypeScript values behind the GraphQL types (codegen.config.ts maps each type to one). */
import type { AuditLog, MediaEmbedding, MediaFile, MonthlyCost, ProcessingJob, SearchHistory, UsageLimit, UserDashboardSummary } from './generated/prisma/client.js';

/** A tenancy user, known here by id only. */
export interface UserRef {
  id: string;
}

export type MediaFileRow = MediaFile;
/** The vector column is never read (see db.ts). */
export type MediaEmbeddingRow = Omit<MediaEmbedding, 'embedding'>;
export type ProcessingJobRow = ProcessingJob;
export type MediaUsageRow = UserDashboardSummary;
export type UsageTierRow = UsageLimit;
export type SearchRow = Omit<SearchHistory, 'queryEmbedding'>;
export type AuditRow = AuditLog;
export type MonthlyCostRow = MonthlyCost;

export interface MonthlyCostGroup {
  year: number;
  month: number;
  currency: string;
  totalAmount: string;
  services: MonthlyCostRow[];
}

export interface DailySearchRow {
  day: Date;
  searchCount: number;
  averageResponseTimeMs: number | null;
  averageClickThroughRate: string | null;
}

export interface SearchHit {
  mediaFileId: string;
  embeddingId: string | null;
  similarity: number | null;
}

export interface SearchResult {
  searchId: string;
  hits: SearchHit[];
  responseTimeMs: number;
}

import type { ProcurementCategory, ProcurementMethod, ProcurementStatus } from './schema.js';

/**
 * What it takes to record a procurement — the shape the staff form, the XLSX/CSV import and the
 * demo all give the service (service.ts validateProcurement / insertProcurements). Amounts in
 * integer satang; days 'YYYY-MM-DD' (Gregorian, as stored).
 */
export interface BidInput {
  bidderName: string;
  taxId?: string | null;
  priceSatang: number;
}

export interface ProcurementInput {
  fiscalYear: number;
  title: string;
  category: ProcurementCategory;
  method: ProcurementMethod;
  status?: ProcurementStatus;
  divisionId?: number | null;
  budgetSource?: string | null;
  budgetLineId?: number | null;
  budgetSatang: number;
  referencePriceSatang?: number | null;
  plannedMonth?: number | null;
  announcedOn?: string | null;
  awardedOn?: string | null;
  winnerName?: string | null;
  winnerTaxId?: string | null;
  agreedPriceSatang?: number | null;
  selectionReason?: string | null;
  contractNo?: string | null;
  contractDate?: string | null;
  egpProjectNo?: string | null;
  cancelReason?: string | null;
  note?: string | null;
  bids?: BidInput[];
}

/** The public list's filters (one organization, one year), keyset-paginated newest first (by id). */
export interface ProcurementListFilter {
  fiscalYear: number;
  method?: ProcurementMethod;
  status?: ProcurementStatus;
  category?: ProcurementCategory;
  /** Gregorian 'YYYY-MM' of the contract date. */
  month?: string;
  /** Words in the title or the winner's name. */
  q?: string;
  /** Rows with id below this (the last id of the previous page). */
  before?: number;
  limit: number;
  /** Staff lists include planned procurements not yet public. */
  includeUnpublished?: boolean;
}

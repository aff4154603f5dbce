import type { ReporterIdentity } from './identity.js';
import type { ComplaintCategory, ComplaintChannel } from './schema.js';

/** What a reporter (or an officer recording a letter or call) gives: the interface between the intake and the officers' side. */
export interface ComplaintSubmission {
  category: ComplaintCategory;
  subject: string;
  description: string;
  occurredWhen?: string | null;
  place?: string | null;
  involved?: string | null;
  /** Empty or absent: anonymous. */
  identity?: ReporterIdentity | null;
  /** The reporter agrees to be contacted (only with an identity). */
  mayContact?: boolean;
}

/** How insertComplaint records it: the web form, or an officer recording another channel (possibly back-dated). */
export interface InsertOptions {
  channel: ComplaintChannel;
  /** 'YYYY-MM-DD' (Bangkok); default today. */
  receivedOn?: string;
}

/** An uploaded attachment before checks. */
export interface IncomingFile {
  name: string;
  bytes: Uint8Array;
}

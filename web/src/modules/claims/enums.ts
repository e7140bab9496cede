import type { BatchStatus, ClaimStatus, LetterStatus, LineDecision, ReviewSource } from '../../api/types';
import { allValues } from '../../app/enums';
import type { Tone } from '../../components/badge';

// The claims module's enums, as lists checked against the API's types.
export const claimStatuses = allValues<ClaimStatus>()(['submitted', 'adjudicated', 'paid']);
export const lineDecisions = allValues<LineDecision>()(['approved', 'reduced', 'rejected']);
export const letterStatuses = allValues<LetterStatus>()(['requested', 'approved', 'refused', 'cancelled', 'expired']);
export const reviewSources = allValues<ReviewSource>()(['sample', 'amount_outlier', 'provider_outlier', 'engine_flag']);
export const batchStatuses = allValues<BatchStatus>()(['ordered', 'paid', 'cancelled']);

/** Approved green, reduced amber, rejected red: the word says it, the colour helps. */
export const decisionTone: Record<LineDecision, Tone> = { approved: 'success', reduced: 'warning', rejected: 'danger' };
export const statusTone: Record<ClaimStatus, Tone> = { submitted: 'info', adjudicated: 'muted', paid: 'success' };
export const letterTone: Record<LetterStatus, Tone> = { requested: 'info', approved: 'success', refused: 'danger', cancelled: 'muted', expired: 'muted' };
export const batchTone: Record<BatchStatus, Tone> = { ordered: 'warning', paid: 'success', cancelled: 'muted' };

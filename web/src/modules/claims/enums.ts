import type { ClaimStatus, LineDecision } from '../../api/types';
import { allValues } from '../../app/enums';
import type { Tone } from '../../components/badge';

// The claims module's enums, as lists checked against the API's types.
export const claimStatuses = allValues<ClaimStatus>()(['submitted', 'adjudicated', 'paid']);
export const lineDecisions = allValues<LineDecision>()(['approved', 'reduced', 'rejected']);

/** Approved green, reduced amber, rejected red: the word says it, the colour helps. */
export const decisionTone: Record<LineDecision, Tone> = { approved: 'success', reduced: 'warning', rejected: 'danger' };
export const statusTone: Record<ClaimStatus, Tone> = { submitted: 'info', adjudicated: 'muted', paid: 'success' };

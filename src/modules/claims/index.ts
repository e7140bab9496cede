// The claims module's public face: other modules import only this file.
export { claimsRoutes } from './claims.routes.js';
export { adjudicateSubmitted, claimsByNumber, claimViews, getClaim, listClaims, pointOfCare, providerRestriction, quoteClaim, submitClaim } from './claims.service.js';
export { engineFlags, lineDecisions, reasonCodes, type ReasonCode } from './adjudication.rules.js';
export { claimStatuses, type ClaimView } from './claims.schemas.js';
export type { ClaimsTables } from './claims.table.js';
export { approveLetter, cancelLetter, getLetter, issueApprovedLetter, letterStatus, listLetters, refuseLetter, requestLetter } from './letters.service.js';
export { letterStatuses, type IssuedLetter, type LetterStatus, type LetterView } from './letters.schemas.js';
export { decideLine, getReviewSettings, putReviewSettings, reviewQueue, scanProviders } from './review.service.js';
export { explanationOfBenefits } from './eob.service.js';
export { cancelBatch, createBatch, getBatch, listBatches, payBatch, payClaimsInFull, providerStatement } from './payments.service.js';
export { batchStatuses, type BatchView, type ClaimsPaidInFull, type StatementView } from './payments.schemas.js';
export { simulateProductChange, type SimulationReport } from './simulate.js';
export { analyzeClaimTables, insertClaimsBulk, insertLettersBulk, type BulkClaim, type BulkClaimLine, type BulkLetter } from './claims.bulk.js';
export { claimsByProvider, outstandingClaims, reportedClaimsByMonth, type OutstandingClaims, type ProviderClaims, type ReportedClaims } from './claims.triangle.js';
export { exportedClaimPayments, exportedClaims, exportedLetters, submittedClaims, type ExportedClaim } from './claims.export.js';
export { claimAttachmentsRoutes } from './attachments.routes.js';
export { addAttachment, getAttachment, listAttachments, type Attachment } from './attachments.service.js';

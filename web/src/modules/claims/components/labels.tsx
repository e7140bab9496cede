import { useTranslation } from 'react-i18next';
import type { BatchStatus, ClaimStatus, LetterStatus, LineDecision } from '../../../api/types';
import { Badge } from '../../../components/badge';
import { batchTone, decisionTone, letterTone, statusTone } from '../enums';

export function ClaimStatusBadge({ status }: { status: ClaimStatus }) {
  const { t } = useTranslation();
  return <Badge tone={statusTone[status]}>{t(`enums.claimStatus.${status}`)}</Badge>;
}

/** A line's decision; "not decided yet" while the claim waits for the batch run. */
export function DecisionBadge({ decision }: { decision: LineDecision | null }) {
  const { t } = useTranslation();
  return decision ? <Badge tone={decisionTone[decision]}>{t(`enums.lineDecision.${decision}`)}</Badge> : <Badge tone="info">{t('claims.undecided')}</Badge>;
}

export function LetterStatusBadge({ status }: { status: LetterStatus }) {
  const { t } = useTranslation();
  return <Badge tone={letterTone[status]}>{t(`enums.letterStatus.${status}`)}</Badge>;
}

export function BatchStatusBadge({ status }: { status: BatchStatus }) {
  const { t } = useTranslation();
  return <Badge tone={batchTone[status]}>{t(`enums.batchStatus.${status}`)}</Badge>;
}

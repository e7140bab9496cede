import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;

/** An Ed25519 key pair that signs a scheme's membership cards (see README, "QR payload"). */
export interface CardKeyTable {
  id: string;
  scheme_id: string;
  /** The key's number in its scheme, printed in the QR payload. */
  kid: number;
  /** Raw 32-byte public key, base64url. */
  public_key: string;
  /** PKCS#8 PEM; never leaves the server. */
  private_key: string;
  active: boolean;
  created_at: Timestamp;
  retired_at: Timestamp | null;
}

export interface BeneficiaryPhotoTable {
  scheme_id: string;
  beneficiary_id: string;
  content_type: 'image/jpeg' | 'image/png';
  bytes: Buffer;
  size: number;
  width: number;
  height: number;
  sha256: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DocumentsTables {
  card_key: CardKeyTable;
  beneficiary_photo: BeneficiaryPhotoTable;
}

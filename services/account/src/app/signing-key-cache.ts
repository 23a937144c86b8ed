import type { importJWK } from 'jose';

export interface ActiveKey {
  kid: string;
  key: Awaited<ReturnType<typeof importJWK>>;
}

/** The key this running service signs with, once read (or made): every replica reads the same row once. */
export class SigningKeyCache {
  private active: ActiveKey | undefined;

  current(): ActiveKey | undefined {
    return this.active;
  }

  keep(key: ActiveKey): void {
    this.active = key;
  }
}

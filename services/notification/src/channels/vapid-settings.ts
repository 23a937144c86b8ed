import { createECDH } from 'node:crypto';
import { ConfigError } from '@fieldops/platform';

/** The application server's VAPID identity (RFC 8292): push services accept messages signed with it. */
export interface VapidSettings {
  /** Uncompressed P-256 point, base64url: what the browser's `pushManager.subscribe` takes as applicationServerKey. */
  publicKey: string;
  privateKey: string;
  /** A contact for the push service's operators: mailto:… or https://… */
  subject: string;
}

type Env = Record<string, string | undefined>;

/**
 * Reads `VAPID_PUBLIC_KEY`, `VAPID_PRIVATE_KEY` and `VAPID_SUBJECT`; none set → undefined (no Web Push). A partial,
 * malformed or mismatched key pair stops the start with the setting's name instead of failing at the first push.
 */
export function vapidSettings(env: Env): VapidSettings | undefined {
  const { VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey, VAPID_SUBJECT: subject } = env;
  if (!publicKey && !privateKey && !subject) return undefined;
  if (!publicKey) throw new ConfigError('VAPID_PUBLIC_KEY', 'is required with VAPID_PRIVATE_KEY and VAPID_SUBJECT');
  if (!privateKey) throw new ConfigError('VAPID_PRIVATE_KEY', 'is required with VAPID_PUBLIC_KEY and VAPID_SUBJECT');
  if (!subject) throw new ConfigError('VAPID_SUBJECT', 'is required with the VAPID keys (mailto:ops@example.org or https://…)');
  if (!/^(mailto:.+@.+|https:\/\/.+)$/.test(subject))
    throw new ConfigError('VAPID_SUBJECT', 'must be a mailto: address or an https:// URL');
  const publicBytes = Buffer.from(publicKey, 'base64url');
  if (publicBytes.length !== 65 || publicBytes[0] !== 4) {
    throw new ConfigError('VAPID_PUBLIC_KEY', 'must be an uncompressed P-256 public key in base64url (65 bytes)');
  }
  const privateBytes = Buffer.from(privateKey, 'base64url');
  if (privateBytes.length !== 32) throw new ConfigError('VAPID_PRIVATE_KEY', 'must be a P-256 private key in base64url (32 bytes)');
  if (!publicOf(privateBytes)?.equals(publicBytes)) throw new ConfigError('VAPID_PUBLIC_KEY', 'is not the public key of VAPID_PRIVATE_KEY');
  return { publicKey, privateKey, subject };
}

function publicOf(privateKey: Buffer): Buffer | undefined {
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(privateKey);
    return ecdh.getPublicKey();
  } catch {
    return undefined;
  }
}

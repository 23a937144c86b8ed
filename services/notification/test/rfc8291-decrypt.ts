import { createDecipheriv, createECDH, hkdfSync } from 'node:crypto';

/** What a browser keeps for one push subscription: its P-256 key pair and the 16-byte auth secret (RFC 8291 §2-3). */
export interface SubscriberKeys {
  privateKey: Buffer;
  /** Uncompressed point, 65 bytes: the subscription's `keys.p256dh`. */
  publicKey: Buffer;
  authSecret: Buffer;
}

const TAG_LENGTH = 16;

const hkdf = (salt: Buffer, ikm: Buffer, info: Buffer, length: number) => Buffer.from(hkdfSync('sha256', ikm, salt, info, length));

/**
 * Decrypts a Web Push message body as a user agent does: the RFC 8188 aes128gcm header (salt, record size, the
 * sender's ephemeral public key as key id), the RFC 8291 key derivation from the ECDH secret and the auth secret,
 * then each record with AES-128-GCM. Throws where the body was not encrypted for these keys.
 */
export function decryptAes128gcm(body: Buffer, keys: SubscriberKeys): Buffer {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const keyIdLength = body.readUInt8(20);
  const senderPublicKey = body.subarray(21, 21 + keyIdLength);
  const records = body.subarray(21 + keyIdLength);
  if (salt.length !== 16 || keyIdLength !== 65 || recordSize <= TAG_LENGTH + 1) throw new Error('not an aes128gcm Web Push header');

  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(keys.privateKey);
  const sharedSecret = ecdh.computeSecret(senderPublicKey);
  // RFC 8291 §3.4: the input keying material binds both public keys and the auth secret.
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), keys.publicKey, senderPublicKey]);
  const ikm = hkdf(keys.authSecret, sharedSecret, keyInfo, 32);
  // RFC 8188 §2.2-2.3: content-encryption key and nonce base.
  const contentKey = hkdf(salt, ikm, Buffer.from('Content-Encoding: aes128gcm\0'), 16);
  const nonceBase = hkdf(salt, ikm, Buffer.from('Content-Encoding: nonce\0'), 12);

  const plaintext: Buffer[] = [];
  for (let offset = 0, sequence = 0; offset < records.length; offset += recordSize, sequence += 1) {
    const record = records.subarray(offset, offset + recordSize);
    const decipher = createDecipheriv('aes-128-gcm', contentKey, nonceFor(nonceBase, sequence));
    decipher.setAuthTag(record.subarray(record.length - TAG_LENGTH));
    const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - TAG_LENGTH)), decipher.final()]);
    const isLast = offset + recordSize >= records.length;
    plaintext.push(unpad(padded, isLast));
  }
  return Buffer.concat(plaintext);
}

/** RFC 8188 §2.3: the record's sequence number XORed into the low bytes of the nonce base. */
function nonceFor(nonceBase: Buffer, sequence: number): Buffer {
  const nonce = Buffer.from(nonceBase);
  nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ sequence) >>> 0, 8);
  return nonce;
}

/** RFC 8188 §2: data, then a delimiter (2 in the last record, 1 before), then zero padding. */
function unpad(padded: Buffer, isLast: boolean): Buffer {
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (padded[end] !== (isLast ? 2 : 1)) throw new Error('bad aes128gcm record delimiter');
  return padded.subarray(0, end);
}

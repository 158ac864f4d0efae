// SM2 signatures (GB/T 32918.2) with SM3 and a user id, in plain BigInt arithmetic: verification,
// signing, and reading an SM2 private key from the PKCS#8 file govchain (and OpenSSL 3) writes.
// Node's crypto reaches SM2 through OpenSSL 3 but offers no way to set the user id, and govchain
// signs with the standard default id "1234567812345678" (docs/architecture.md), so the Z value and
// the curve arithmetic are done here; SM3 itself is Node's (OpenSSL's).
//
// Signing handles a secret with BigInt arithmetic, which is not constant time: its timing depends on
// the key and the nonce. That is acceptable for this client (a test and an example of the API, run
// on the terminal's own machine); a production terminal signs in its own hardened library.
'use strict';
const crypto = require('crypto');

const P = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF');
const A = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC');
const B = BigInt('0x28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93');
const N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');
const GX = BigInt('0x32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7');
const GY = BigInt('0xBC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0');
const DEFAULT_USER_ID = Buffer.from('1234567812345678', 'ascii');

const mod = (value, m) => ((value % m) + m) % m;
const toBig = (bytes) => (bytes.length === 0 ? 0n : BigInt('0x' + Buffer.from(bytes).toString('hex')));
const toBytes32 = (value) => Buffer.from(value.toString(16).padStart(64, '0'), 'hex');

function inverse(value, m) {
  let [low, high, lm, hm] = [mod(value, m), m, 1n, 0n];
  while (low > 1n) {
    const ratio = high / low;
    [low, high, lm, hm] = [high - ratio * low, low, hm - ratio * lm, lm];
  }
  return mod(lm, m);
}

// Points in Jacobian coordinates [X, Y, Z]; Z = 0 is the point at infinity.
const INFINITY = [0n, 1n, 0n];

function double([x, y, z]) {
  if (z === 0n || y === 0n) return INFINITY;
  const yy = mod(y * y, P);
  const s = mod(4n * x * yy, P);
  const zz = mod(z * z, P);
  const m = mod(3n * x * x + A * zz * zz, P);
  const x3 = mod(m * m - 2n * s, P);
  return [x3, mod(m * (s - x3) - 8n * yy * yy, P), mod(2n * y * z, P)];
}

function add(p1, p2) {
  if (p1[2] === 0n) return p2;
  if (p2[2] === 0n) return p1;
  const [x1, y1, z1] = p1;
  const [x2, y2, z2] = p2;
  const z1z1 = mod(z1 * z1, P);
  const z2z2 = mod(z2 * z2, P);
  const u1 = mod(x1 * z2z2, P);
  const u2 = mod(x2 * z1z1, P);
  const s1 = mod(y1 * z2 * z2z2, P);
  const s2 = mod(y2 * z1 * z1z1, P);
  if (u1 === u2) return s1 === s2 ? double(p1) : INFINITY;
  const h = mod(u2 - u1, P);
  const r = mod(s2 - s1, P);
  const hh = mod(h * h, P);
  const hhh = mod(h * hh, P);
  const x3 = mod(r * r - hhh - 2n * u1 * hh, P);
  return [x3, mod(r * (u1 * hh - x3) - s1 * hhh, P), mod(h * z1 * z2, P)];
}

function multiply(scalar, point) {
  let result = INFINITY;
  for (let i = scalar.toString(2).length - 1; i >= 0; i--) {
    result = double(result);
    if ((scalar >> BigInt(i)) & 1n) result = add(result, point);
  }
  return result;
}

function affineX([x, , z]) {
  const zInverse = inverse(z, P);
  return mod(x * zInverse * zInverse, P);
}

// DER SEQUENCE { INTEGER r, INTEGER s } with short lengths (an SM2 signature is at most 72 bytes).
function parseSignature(der) {
  const signature = Buffer.from(der);
  if (signature.length < 8 || signature.length > 72 || signature[0] !== 0x30 || signature[1] !== signature.length - 2) return null;
  const integers = [];
  let offset = 2;
  for (let i = 0; i < 2; i++) {
    if (signature[offset] !== 0x02) return null;
    const length = signature[offset + 1];
    if (length < 1 || length > 33 || offset + 2 + length > signature.length) return null;
    integers.push(toBig(signature.subarray(offset + 2, offset + 2 + length)));
    offset += 2 + length;
  }
  return offset === signature.length ? integers : null;
}

/** Whether `signature` (DER) is an SM2 signature of `message` by the raw key 04||x||y. */
function verify(rawPublicKey, message, signature, userId = DEFAULT_USER_ID) {
  const key = Buffer.from(rawPublicKey);
  if (key.length !== 65 || key[0] !== 0x04) return false;
  const qx = toBig(key.subarray(1, 33));
  const qy = toBig(key.subarray(33));
  if (qx >= P || qy >= P || mod(qy * qy - (qx * qx * qx + A * qx + B), P) !== 0n) return false;
  const parsed = parseSignature(signature);
  if (!parsed) return false;
  const [r, s] = parsed;
  if (r < 1n || r >= N || s < 1n || s >= N) return false;
  const e = toBig(crypto.createHash('sm3').update(z(userId, qx, qy)).update(message).digest());
  const t = mod(r + s, N);
  if (t === 0n) return false;
  const point = add(multiply(s, [GX, GY, 1n]), multiply(t, [qx, qy, 1n]));
  if (point[2] === 0n) return false;
  return mod(e + affineX(point), N) === r;
}

function z(userId, qx, qy) {
  const entl = Buffer.from([(userId.length * 8) >> 8, (userId.length * 8) & 0xff]);
  return crypto.createHash('sm3').update(Buffer.concat([entl, userId, toBytes32(A), toBytes32(B), toBytes32(GX), toBytes32(GY), toBytes32(qx), toBytes32(qy)])).digest();
}

function affine(point) {
  const zInverse = inverse(point[2], P);
  const zz = mod(zInverse * zInverse, P);
  return [mod(point[0] * zz, P), mod(point[1] * zz * zInverse, P)];
}

/** The raw public key 04||x||y of the private scalar `d`. */
function publicKeyOf(d) {
  if (d < 1n || d >= N) throw new Error('an SM2 private key is in [1, n-1]');
  const [x, y] = affine(multiply(d, [GX, GY, 1n]));
  return Buffer.concat([Buffer.from([0x04]), toBytes32(x), toBytes32(y)]);
}

// DER INTEGER of a positive value: big-endian, no leading zero byte unless the high bit is set.
function derInteger(value) {
  let bytes = Buffer.from(value.toString(16).padStart(64, '0'), 'hex');
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  bytes = bytes.subarray(start);
  if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return Buffer.concat([Buffer.from([0x02, bytes.length]), bytes]);
}

// A uniformly random k in [1, n-1], by rejection: n is just under 2^256, so a retry is rare.
function randomScalar() {
  for (;;) {
    const k = toBig(crypto.randomBytes(32));
    if (k >= 1n && k < N) return k;
  }
}

/**
 * The SM2 signature (DER SEQUENCE { INTEGER r, INTEGER s }, as Bouncy Castle and OpenSSL write it)
 * of `message` by the private scalar `d`: e = SM3(Z || M), (x1, y1) = kG, r = (e + x1) mod n,
 * s = (1 + d)^-1 (k - r d) mod n, with a fresh random k, retried when r = 0, r + k = n or s = 0.
 */
function sign(d, message, userId = DEFAULT_USER_ID) {
  const publicKey = publicKeyOf(d);
  const digest = crypto.createHash('sm3').update(z(userId, toBig(publicKey.subarray(1, 33)), toBig(publicKey.subarray(33)))).update(message).digest();
  const e = toBig(digest);
  const inverseOnePlusD = inverse(1n + d, N);
  for (;;) {
    const k = randomScalar();
    const r = mod(e + affineX(multiply(k, [GX, GY, 1n])), N);
    if (r === 0n || r + k === N) continue;
    const s = mod(inverseOnePlusD * (k - r * d), N);
    if (s === 0n) continue;
    const body = Buffer.concat([derInteger(r), derInteger(s)]);
    return Buffer.concat([Buffer.from([0x30, body.length]), body]);
  }
}

// A DER element at `offset`: its tag, where its contents are, and where the next element starts.
// Lengths up to 2^16 - 1 (long form with one or two bytes); a key file is far smaller.
function element(der, offset, expectedTag) {
  if (offset + 2 > der.length || der[offset] !== expectedTag) throw new Error('not the expected DER element at byte ' + offset);
  let length = der[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count < 1 || count > 2 || start + count > der.length) throw new Error('unsupported DER length at byte ' + offset);
    length = count === 1 ? der[start] : (der[start] << 8) | der[start + 1];
    start += count;
  }
  if (start + length > der.length) throw new Error('truncated DER element at byte ' + offset);
  return { start, end: start + length };
}

const ID_EC_PUBLIC_KEY = Buffer.from('06072a8648ce3d0201', 'hex'); // 1.2.840.10045.2.1
const SM2P256V1 = Buffer.from('06082a811ccf5501822d', 'hex'); // 1.2.156.10197.1.301

/**
 * The private scalar of an SM2 key in PKCS#8 (DER): PrivateKeyInfo { version, AlgorithmIdentifier
 * { id-ecPublicKey, sm2p256v1 }, OCTET STRING { ECPrivateKey { 1, OCTET STRING d, ... } } }, as
 * govchain's KeyCodec and OpenSSL 3 write it. Throws for another algorithm or curve, and when the
 * file also holds a public key that is not d's.
 */
function privateKeyFromPkcs8(der) {
  const info = element(der, 0, 0x30);
  if (info.end !== der.length) throw new Error('trailing bytes after the PKCS#8 key');
  const version = element(der, info.start, 0x02);
  const algorithm = element(der, version.end, 0x30);
  const identifier = der.subarray(algorithm.start, algorithm.end);
  if (!identifier.equals(Buffer.concat([ID_EC_PUBLIC_KEY, SM2P256V1]))) throw new Error('not an SM2 key (id-ecPublicKey on sm2p256v1)');
  const wrapped = element(der, algorithm.end, 0x04);
  const ecKey = element(der, wrapped.start, 0x30);
  const ecVersion = element(der, ecKey.start, 0x02);
  if (ecVersion.end - ecVersion.start !== 1 || der[ecVersion.start] !== 1) throw new Error('not an ECPrivateKey of version 1');
  const scalar = element(der, ecVersion.end, 0x04);
  if (scalar.end - scalar.start > 32) throw new Error('an SM2 private key is at most 32 bytes');
  const d = toBig(der.subarray(scalar.start, scalar.end));
  const publicKey = publicKeyOf(d);
  for (let offset = scalar.end; offset < ecKey.end; ) {
    if (der[offset] === 0xa1) {
      const tagged = element(der, offset, 0xa1);
      const bits = element(der, tagged.start, 0x03);
      if (!der.subarray(bits.start + 1, bits.end).equals(publicKey)) throw new Error('the public key in the file is not that of its private key');
      offset = tagged.end;
    } else {
      offset = element(der, offset, der[offset]).end;
    }
  }
  return { d, publicKey };
}

/** privateKeyFromPkcs8 of a PEM "PRIVATE KEY" block. */
function privateKeyFromPem(pem) {
  const match = /-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\s]+)-----END PRIVATE KEY-----/.exec(pem);
  if (!match) throw new Error('no unencrypted PKCS#8 "PRIVATE KEY" PEM block');
  return privateKeyFromPkcs8(Buffer.from(match[1].replace(/\s+/g, ''), 'base64'));
}

module.exports = { verify, sign, publicKeyOf, privateKeyFromPkcs8, privateKeyFromPem, DEFAULT_USER_ID };

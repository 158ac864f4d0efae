// SM2 signature verification (GB/T 32918.2) with SM3 and a user id, in plain BigInt arithmetic.
// Node's crypto reaches SM2 through OpenSSL 3 but offers no way to set the user id, and govchain
// signs with the standard default id "1234567812345678" (docs/architecture.md), so the Z value and
// the curve arithmetic are done here; SM3 itself is Node's (OpenSSL's). Verification only: no
// secret is handled, so constant time does not matter.
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
  const entl = Buffer.from([(userId.length * 8) >> 8, (userId.length * 8) & 0xff]);
  const z = crypto.createHash('sm3').update(Buffer.concat([entl, userId, toBytes32(A), toBytes32(B), toBytes32(GX), toBytes32(GY), toBytes32(qx), toBytes32(qy)])).digest();
  const e = toBig(crypto.createHash('sm3').update(z).update(message).digest());
  const t = mod(r + s, N);
  if (t === 0n) return false;
  const point = add(multiply(s, [GX, GY, 1n]), multiply(t, [qx, qy, 1n]));
  if (point[2] === 0n) return false;
  return mod(e + affineX(point), N) === r;
}

module.exports = { verify };

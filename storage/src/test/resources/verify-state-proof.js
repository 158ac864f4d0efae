// An independent state-proof verifier, written from docs/storage.md ("State tree hashing" and
// "Proofs") and nothing else, to check that the specification is enough for another language.
// Input on stdin, one JSON object per line:
//   {"hash": "sm3"|"sha256", "root": hex, "key": hex, "siblings": [hex or ""...],
//    "value": hex (inclusion) | "otherKeyPath": hex, "otherValueHash": hex (absence; "" for empty)}
// Output, one line each: "VALID present <value hex>", "VALID absent", or "INVALID <reason>".
'use strict';
const crypto = require('crypto');
const readline = require('readline');

const ZERO = Buffer.alloc(32);
const tag = (text) => Buffer.concat([Buffer.from(text, 'ascii'), Buffer.from([0])]);
const H = (algorithm, ...parts) => {
  const hash = crypto.createHash(algorithm);
  parts.forEach((part) => hash.update(part));
  return hash.digest();
};
const bit = (path, i) => (path[i >> 3] >> (7 - (i & 7))) & 1;

function verify(proof) {
  const algorithm = proof.hash;
  const key = Buffer.from(proof.key, 'hex');
  if (key.length < 1 || key.length > 256) return 'INVALID key length';
  if (proof.siblings.length > 256) return 'INVALID too many siblings';
  const siblings = proof.siblings.map((s) => Buffer.from(s, 'hex'));
  if (siblings.some((s) => s.length !== 0 && s.length !== 32)) return 'INVALID sibling length';
  const path = H(algorithm, tag('govchain/v1/state-key'), key);
  const n = siblings.length;
  let node;
  if (proof.value !== undefined) {
    const value = Buffer.from(proof.value, 'hex');
    if (value.length > 65536) return 'INVALID value too long';
    node = H(algorithm, tag('govchain/v1/state-leaf'), path, H(algorithm, tag('govchain/v1/state-value'), value));
  } else if (proof.otherKeyPath === '' && proof.otherValueHash === '') {
    node = ZERO;
  } else {
    const otherPath = Buffer.from(proof.otherKeyPath, 'hex');
    const otherValue = Buffer.from(proof.otherValueHash, 'hex');
    if (otherPath.length !== 32 || otherValue.length !== 32) return 'INVALID other leaf';
    if (otherPath.equals(path)) return 'INVALID other leaf is the key';
    for (let i = 0; i < n; i++) if (bit(otherPath, i) !== bit(path, i)) return 'INVALID other leaf off path';
    node = H(algorithm, tag('govchain/v1/state-leaf'), otherPath, otherValue);
  }
  for (let i = 0; i < n; i++) {
    const level = n - 1 - i;
    const sibling = siblings[i].length === 0 ? ZERO : siblings[i];
    node = bit(path, level)
      ? H(algorithm, tag('govchain/v1/state-node'), sibling, node)
      : H(algorithm, tag('govchain/v1/state-node'), node, sibling);
  }
  if (!node.equals(Buffer.from(proof.root, 'hex'))) return 'INVALID root mismatch';
  return proof.value !== undefined ? 'VALID present ' + proof.value : 'VALID absent';
}

module.exports = { verify, tag, H };

// Run as a program (IndependentVerifierTest), it reads stdin; required as a module (the node's
// JavaScript kiosk client), it only exports.
if (require.main === module) {
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line.trim() !== '') console.log(verify(JSON.parse(line)));
  });
}

// A govchain client outside Java: Node.js with @grpc/grpc-js and @grpc/proto-loader, loading the
// published .proto files (node/target/proto after a build) and checking every answer with its own
// hashing against nothing but the chains' genesis files. CommonJS, no build step.
//
//   node kiosk-client.js --target HOST:PORT --ca CA.pem --cert CLIENT.pem --key CLIENT-KEY.pem \
//       --proto DIR --genesis CHAIN.genesis [--genesis ...] CALL ARG...
//
//   CALL verify-license ID...   QueryService.VerifyLicense, then the verdict is checked
//   CALL get-license ID...      QueryService.GetLicense, then the record is checked
//   CALL check-saved FILE...    a SavedAnswer file (`govchain query --save`) checked offline
//
// One JSON line per result on stdout: {"call", "argument", "ok": true, ...what was proven} or
// {"call", "argument", "ok": false, "error"}. Exit status 0 when every answer checked, 3 when one
// did not (or a call failed), 2 on bad usage.
//
// What is checked (docs/api.md, "Calling from other languages"): the anchor header hashes to the
// block hash the commit certificate names; the certificate has a commit quorum of distinct genesis
// validators, each vote's signature verified (SM2 with SM3 and the default user id in ./sm2.js, or
// Ed25519 with Node's crypto); the state proof leads from the licence's state key to the
// header's state_root (hashing of docs/storage.md, in ./state-proof.js); the proven value decodes
// to exactly the licence record in the answer; the verdict follows from that record.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');
const sm2 = require('./sm2');
const stateProof = require('./state-proof');

// Decoded answers keep proto field names, 64-bit integers as decimal strings, enums as names,
// bytes as Buffers, and no defaults: a field is present when it was on the wire, which is what
// re-encoding a header byte for byte needs.
const DECODING = { keepCase: true, longs: String, enums: String, defaults: false, oneofs: true };
const API_PROTO = 'govchain/api/v1/query.proto';
const ANSWER_BYTES_MAX = 16 * 1024 * 1024;

class Refused extends Error {}

function refuse(condition, message) {
  if (!condition) throw new Refused(message);
}

function parseArguments(argv) {
  const options = { genesis: [], deadlineMillis: 30000 };
  const flags = { '--target': 'target', '--ca': 'ca', '--cert': 'cert', '--key': 'key', '--proto': 'proto' };
  let i = 0;
  for (; i < argv.length && argv[i].startsWith('--'); i += 2) {
    const value = argv[i + 1];
    if (value === undefined) throw new Error(argv[i] + ' needs a value');
    if (argv[i] === '--genesis') options.genesis.push(value);
    else if (argv[i] === '--deadline-ms') options.deadlineMillis = Number(value);
    else if (flags[argv[i]]) options[flags[argv[i]]] = value;
    else throw new Error('unknown option ' + argv[i]);
  }
  if (!(Number.isInteger(options.deadlineMillis) && options.deadlineMillis > 0 && options.deadlineMillis <= 600000)) {
    throw new Error('--deadline-ms is a whole number of milliseconds from 1 to 600000');
  }
  options.call = argv[i];
  options.arguments = argv.slice(i + 1);
  if (!options.proto || !options.call || options.arguments.length === 0) {
    throw new Error('usage: kiosk-client.js --proto DIR --genesis FILE [--target --ca --cert --key] CALL ARG...');
  }
  if (options.call !== 'check-saved' && !Object.prototype.hasOwnProperty.call(CALLS, options.call)) {
    throw new Error('unknown call ' + options.call + ' (calls: ' + Object.keys(CALLS).join(', ') + ', check-saved)');
  }
  if (options.call !== 'check-saved' && !(options.target && options.ca && options.cert && options.key)) {
    throw new Error(options.call + ' needs --target, --ca, --cert and --key');
  }
  return options;
}

// The same .proto files twice: protobufjs types to decode and re-encode bytes, and the gRPC
// service definitions for grpc-js.
function loadProtos(directory) {
  const root = new protobuf.Root();
  root.resolvePath = (origin, target) => path.join(directory, target);
  root.loadSync(API_PROTO, { keepCase: true });
  root.resolveAll();
  const definition = protoLoader.loadSync(API_PROTO, { ...DECODING, includeDirs: [directory] });
  const api = grpc.loadPackageDefinition(definition).govchain.api.v1;
  return { root, api, type: (name) => root.lookupType(name) };
}

function loadGenesis(protos, files) {
  const byChain = new Map();
  for (const file of files) {
    const genesisType = protos.type('govchain.core.v1.Genesis');
    const genesis = genesisType.toObject(genesisType.decode(fs.readFileSync(file)), DECODING);
    byChain.set(genesis.chain_id, genesis);
  }
  return byChain;
}

// Canonical bytes of a decoded message (fields in number order, defaults omitted: the only
// encoding govchain accepts, docs/architecture.md).
function encode(protos, typeName, object) {
  const type = protos.type(typeName);
  return Buffer.from(type.encode(type.fromObject(object)).finish());
}

function decode(context, typeName, bytes) {
  const type = context.protos.type(typeName);
  try {
    return type.toObject(type.decode(bytes), DECODING);
  } catch (error) {
    throw new Refused('not a valid ' + typeName + ': ' + error.message);
  }
}

const hashOf = (suite) => (suite === 'SM' ? 'sm3' : 'sha256');

// Ed25519 keys are wrapped as SubjectPublicKeyInfo for Node's crypto; SM2 is checked by ./sm2.js,
// since Node's crypto cannot set SM2's user id (OpenSSL 3 then uses an empty one).
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function verifySignature(suite, rawPublicKey, message, signature) {
  if (suite === 'SM') return sm2.verify(rawPublicKey, message, signature);
  try {
    const key = crypto.createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, rawPublicKey]), format: 'der', type: 'spki' });
    return crypto.verify(null, message, key, signature);
  } catch (error) {
    return false;
  }
}

// The anchor header is the block a quorum of the chain's genesis validators committed.
function checkAnchor(context, anchor) {
  refuse(anchor && anchor.header, 'the answer has no anchor header');
  const genesis = context.genesis.get(anchor.chain_id);
  refuse(genesis, 'no genesis given for chain ' + anchor.chain_id);
  const header = anchor.header;
  const height = anchor.height || '0';
  refuse(header.chain_id === anchor.chain_id && (header.height || '0') === height, 'the header is not of the anchor chain and height');
  refuse(height !== '0' && anchor.certificate, 'no commit certificate (an answer at height 0 cannot be checked by votes)');
  const algorithm = hashOf(genesis.suite);
  const blockHash = stateProof.H(algorithm, stateProof.tag('govchain/v1/block'), encode(context.protos, 'govchain.core.v1.BlockHeader', header));
  const certificate = anchor.certificate;
  refuse(certificate.chain_id === anchor.chain_id && certificate.height === height, 'the certificate is for another chain or height');
  refuse(Buffer.from(certificate.block_hash || []).equals(blockHash), 'the certificate is for another block than the header');
  const statement = { chain_id: certificate.chain_id, height: certificate.height, block_hash: certificate.block_hash };
  if (certificate.view && certificate.view !== '0') statement.view = certificate.view;
  const signed = Buffer.concat([stateProof.tag('govchain/v1/commit'), encode(context.protos, 'govchain.core.v1.CommitStatement', statement)]);
  const validators = genesis.validators || [];
  const faulty = Math.floor((validators.length - 1) / 3);
  const quorum = Math.ceil((validators.length + faulty + 1) / 2);
  let previous = -1;
  for (const vote of certificate.votes || []) {
    const index = vote.validator_index || 0;
    refuse(index > previous && index < validators.length, 'votes out of order, repeated or of no validator');
    refuse(verifySignature(genesis.suite, validators[index].public_key, signed, vote.signature), 'the vote of validator ' + index + ' does not verify');
    previous = index;
  }
  refuse((certificate.votes || []).length >= quorum, 'fewer votes than the commit quorum ' + quorum);
  return { algorithm, chain: anchor.chain_id, height, blockHash: blockHash.toString('hex'), votes: certificate.votes.length, validators: validators.length };
}

// docs/subchains.md: the licence table's key is ("lic", licence id), each a length byte then bytes.
function licenseKey(licenseId) {
  const component = (bytes) => Buffer.concat([Buffer.from([bytes.length]), bytes]);
  return Buffer.concat([component(Buffer.from('lic', 'utf8')), component(Buffer.from(licenseId, 'utf8'))]);
}

function checkStateProof(algorithm, root, proof) {
  const request = {
    hash: algorithm,
    root: Buffer.from(root || []).toString('hex'),
    key: Buffer.from(proof.key || []).toString('hex'),
    siblings: (proof.siblings || []).map((s) => Buffer.from(s).toString('hex')),
  };
  if (proof.inclusion) request.value = Buffer.from(proof.inclusion.value || []).toString('hex');
  else {
    refuse(proof.absence, 'the proof is neither of inclusion nor of absence');
    request.otherKeyPath = Buffer.from(proof.absence.other_key_path || []).toString('hex');
    request.otherValueHash = Buffer.from(proof.absence.other_value_hash || []).toString('hex');
  }
  const outcome = stateProof.verify(request);
  refuse(outcome.startsWith('VALID'), 'state proof refused: ' + outcome.substring('INVALID '.length));
  return proof.inclusion ? Buffer.from(request.value, 'hex') : null;
}

const sortedJson = (value) =>
  JSON.stringify(value, (key, item) => {
    if (item && item.type === 'Buffer' && Array.isArray(item.data)) return Buffer.from(item.data).toString('hex');
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      return Object.fromEntries(Object.keys(item).sort().map((k) => [k, item[k]]));
    }
    return item;
  });

// A LicenseAnswer: proven under the anchor, about this licence's key, the record exactly the value.
function checkLicenseAnswer(context, answer, licenseId) {
  refuse(answer && answer.state && answer.state.proof, 'the answer has no state proof');
  const anchor = checkAnchor(context, answer.state.anchor);
  const proof = answer.state.proof;
  if (licenseId !== undefined) refuse(Buffer.from(proof.key || []).equals(licenseKey(licenseId)), 'the proof is about another key than licence ' + licenseId);
  const value = checkStateProof(anchor.algorithm, answer.state.anchor.header.state_root, proof);
  refuse((value !== null) === Boolean(answer.license), 'the record given and the proof disagree on presence');
  const result = { chain: anchor.chain, height: anchor.height, block_hash: anchor.blockHash, votes: anchor.votes, validators: anchor.validators, proof: value ? 'present' : 'absent' };
  if (value) {
    const proven = decode(context, 'govchain.subchains.v1.LicenseRecord', value);
    refuse(sortedJson(proven) === sortedJson(answer.license), 'the licence record differs from the proven value');
    const id = proven.content.license_id;
    refuse(Buffer.from(proof.key).equals(licenseKey(id)), 'the proof is about another key than licence ' + id);
    Object.assign(result, { license_id: id, status: proven.status || 'LICENSE_STATUS_UNSPECIFIED', value_bytes: value.length });
  }
  return result;
}

// docs/api.md: the verdict from the proven record at the answer's time.
function verdictOf(record, atMillis) {
  if (!record) return 'UNKNOWN';
  const status = record.status || 'LICENSE_STATUS_UNSPECIFIED';
  let effective = status;
  if (status === 'LICENSE_VALID') {
    const until = BigInt(record.content.valid_until_millis || '0');
    const from = BigInt(record.content.valid_from_millis || '0');
    if (until !== 0n && atMillis >= until) effective = 'LICENSE_EXPIRED';
    else if (atMillis < from) effective = 'LICENSE_OTHER';
  }
  const verdicts = { LICENSE_VALID: 'VALID', LICENSE_SUSPENDED: 'SUSPENDED', LICENSE_WITHDRAWN: 'WITHDRAWN', LICENSE_CANCELLED: 'CANCELLED', LICENSE_REVOKED: 'REVOKED', LICENSE_EXPIRED: 'EXPIRED' };
  return verdicts[effective] || 'OTHER';
}

function checkVerification(context, verification, licenseId) {
  const result = checkLicenseAnswer(context, verification.answer, licenseId);
  const verdict = verification.verdict || 'VERDICT_UNSPECIFIED';
  const recomputed = verdictOf(verification.answer.license, BigInt(verification.at_millis || '0'));
  refuse(recomputed === verdict, 'the verdict ' + verdict + ' does not follow from the proven record (' + recomputed + ')');
  return { verdict, at_millis: verification.at_millis || '0', ...result };
}

// The calls: each is a request from its argument, and the check of its answer. A new RPC (such as
// the kiosk's PullMaterials) is one more entry here with its own check function.
const CALLS = {
  'verify-license': {
    service: 'QueryService',
    method: 'VerifyLicense',
    request: (licenseId) => ({ license_id: licenseId }),
    check: checkVerification,
  },
  'get-license': {
    service: 'QueryService',
    method: 'GetLicense',
    request: (licenseId) => ({ license_id: licenseId }),
    check: checkLicenseAnswer,
  },
};

function checkSaved(context, file) {
  refuse(fs.statSync(file).size <= ANSWER_BYTES_MAX, 'the file is larger than ' + ANSWER_BYTES_MAX + ' bytes');
  const bytes = fs.readFileSync(file);
  const saved = decode(context, 'govchain.api.v1.SavedAnswer', bytes);
  if (saved.answer === 'verification') return checkVerification(context, saved.verification);
  if (saved.answer === 'license') return checkLicenseAnswer(context, saved.license);
  throw new Refused('this client checks licence answers only; the file holds ' + (saved.answer || 'nothing'));
}

function connect(context, options, serviceName) {
  if (!context.clients.has(serviceName)) {
    const credentials = grpc.credentials.createSsl(fs.readFileSync(options.ca), fs.readFileSync(options.key), fs.readFileSync(options.cert));
    context.clients.set(serviceName, new context.protos.api[serviceName](options.target, credentials));
  }
  return context.clients.get(serviceName);
}

function invoke(client, method, request, deadlineMillis) {
  return new Promise((resolve, reject) => {
    client[method](request, { deadline: Date.now() + deadlineMillis }, (error, answer) => (error ? reject(error) : resolve(answer)));
  });
}

async function run(options) {
  const loaded = loadProtos(options.proto);
  const context = { protos: loaded, genesis: loadGenesis(loaded, options.genesis), clients: new Map() };
  let allChecked = true;
  for (const argument of options.arguments) {
    let line;
    try {
      if (options.call === 'check-saved') {
        line = { call: 'check-saved', argument, ok: true, ...checkSaved(context, argument) };
      } else {
        const call = CALLS[options.call];
        if (!call) throw new Error('unknown call ' + options.call);
        const answer = await invoke(connect(context, options, call.service), call.method, call.request(argument), options.deadlineMillis);
        line = { call: call.method, argument, ok: true, ...call.check(context, answer, argument) };
      }
    } catch (error) {
      let reason;
      if (error instanceof Refused) reason = error.message;
      else if (typeof error.code === 'number') reason = 'gRPC ' + grpc.status[error.code] + ': ' + error.details;
      else if (typeof error.code === 'string') reason = error.message; // a file that cannot be read
      else throw error;
      line = { call: options.call, argument, ok: false, error: reason };
      allChecked = false;
    }
    console.log(JSON.stringify(line));
  }
  context.clients.forEach((client) => client.close());
  return allChecked;
}

let options;
try {
  options = parseArguments(process.argv.slice(2));
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
run(options).then(
  (allChecked) => process.exit(allChecked ? 0 : 3),
  (error) => {
    console.error(error.stack || String(error));
    process.exit(2);
  },
);

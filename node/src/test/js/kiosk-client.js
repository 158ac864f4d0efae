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
//   CALL check-pull FILE...     a PullAnswer file (binary protobuf), every material checked offline
//   CALL pull ITEM...           as a terminal: KioskService.PlanPull for the service item, the draft
//                               access record checked and signed with the terminal's key, then
//                               PullMaterials, and every material's proof and values checked. Needs
//                               --signing-key KEY.pem (the terminal's signing-key.pem, SM2 or
//                               Ed25519 PKCS#8), --applicant HEX, --verification HEX, and
//                               optionally --organization HEX and --nonce N (default: the time in
//                               microseconds, as `govchain pull`; one more per further ITEM).
//
// One JSON line per result on stdout (for a pull, one per material): {"call", "argument", "ok":
// true, ...what was proven} or {"call", "argument", "ok": false, "error"}. Exit status 0 when every
// answer checked, 3 when one did not (or a call failed), 2 on bad usage.
//
// What is checked (docs/api.md, "Calling from other languages"): the anchor header hashes to the
// block hash the commit certificate names; the certificate has a commit quorum of distinct genesis
// validators, each vote's signature verified (SM2 with SM3 and the default user id in ./sm2.js, or
// Ed25519 with Node's crypto); the state proof leads from the licence's state key to the
// header's state_root (hashing of docs/storage.md, in ./state-proof.js); the proven value decodes
// to exactly the licence record in the answer; the verdict follows from that record. For a pull:
// the draft access record names exactly the plan's found materials and released items before it is
// signed; the node's access record id is the id of the transaction signed here; each found
// material's licence answer is checked as above and each released value, with its salt, opens the
// item's commitment in the proven licence record (docs/subchains.md, "Item commitments").
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
const KIOSK_PROTO = 'govchain/api/v1/kiosk.proto';
const CONSENT_PROTO = 'govchain/subchains/v1/consent.proto';
const RECORD_ACCESS = 'consent.record_access';
const ITEM_SALT_BYTES = 32;
const ITEM_VALUE_BYTES_MAX = 4096;
const ANSWER_BYTES_MAX = 16 * 1024 * 1024;

class Refused extends Error {}

function refuse(condition, message) {
  if (!condition) throw new Refused(message);
}

function parseArguments(argv) {
  const options = { genesis: [], deadlineMillis: 30000 };
  const flags = {
    '--target': 'target',
    '--ca': 'ca',
    '--cert': 'cert',
    '--key': 'key',
    '--proto': 'proto',
    '--signing-key': 'signingKey',
    '--applicant': 'applicant',
    '--organization': 'organization',
    '--verification': 'verification',
    '--nonce': 'nonce',
  };
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
  if (!Object.prototype.hasOwnProperty.call(CALLS, options.call)) {
    throw new Error('unknown call ' + options.call + ' (calls: ' + Object.keys(CALLS).join(', ') + ')');
  }
  if (!CALLS[options.call].offline && !(options.target && options.ca && options.cert && options.key)) {
    throw new Error(options.call + ' needs --target, --ca, --cert and --key');
  }
  if (options.call === 'pull') {
    if (!(options.signingKey && options.applicant && options.verification)) {
      throw new Error('pull needs --signing-key, --applicant and --verification');
    }
    for (const flag of ['applicant', 'organization', 'verification']) {
      if (options[flag] !== undefined && !/^([0-9a-f]{2}){1,64}$/i.test(options[flag])) throw new Error('--' + flag + ' is hex');
    }
    if (options.nonce !== undefined && !/^[1-9][0-9]{0,18}$/.test(options.nonce)) throw new Error('--nonce is a positive whole number');
  }
  return options;
}

// The same .proto files twice: protobufjs types to decode and re-encode bytes, and the gRPC
// service definitions for grpc-js.
function loadProtos(directory) {
  const root = new protobuf.Root();
  root.resolvePath = (origin, target) => path.join(directory, target);
  root.loadSync([API_PROTO, KIOSK_PROTO, CONSENT_PROTO], { keepCase: true });
  root.resolveAll();
  const definition = protoLoader.loadSync([API_PROTO, KIOSK_PROTO], { ...DECODING, includeDirs: [directory] });
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

// The terminal's signing key, as `govchain network init` writes it (terminals/<id>/signing-key.pem):
// SM2 signed by ./sm2.js, Ed25519 by Node's crypto. `suite` names the chain suite it signs for.
function loadSigningKey(file) {
  const pem = fs.readFileSync(file, 'ascii');
  try {
    const key = sm2.privateKeyFromPem(pem);
    return { suite: 'SM', publicKey: key.publicKey, sign: (message) => sm2.sign(key.d, message) };
  } catch (error) {
    if (!error.message.startsWith('not an SM2 key')) throw new Error(file + ': ' + error.message);
  }
  const key = crypto.createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(file + ': neither an SM2 nor an Ed25519 key');
  const spki = crypto.createPublicKey(key).export({ format: 'der', type: 'spki' });
  return { suite: 'INTL', publicKey: spki.subarray(spki.length - 32), sign: (message) => crypto.sign(null, message, key) };
}

const sameList = (left, right) => JSON.stringify(left || []) === JSON.stringify(right || []);

// Sign only what was checked: the draft names the requested item and releases exactly the plan's
// found materials, each with exactly its released items.
function checkDraft(context, plan, itemCode) {
  const draft = decode(context, 'govchain.subchains.v1.RecordAccess', plan.access_record_payload);
  refuse(draft.service_item_code === itemCode, 'the draft access record is for another service item: ' + draft.service_item_code);
  const found = (plan.materials || []).filter((m) => m.state === 'FOUND');
  const releases = draft.releases || [];
  refuse(releases.length === found.length, 'the draft access record releases ' + releases.length + ' licences, the plan found ' + found.length);
  for (const material of found) {
    const release = releases.find((r) => r.license_id === material.license_id);
    refuse(release, 'the draft access record does not name licence ' + material.license_id);
    refuse(sameList(release.item_codes, material.released_items), 'the draft access record releases other items of ' + material.license_id);
    refuse(Buffer.from(release.grant_id || []).equals(Buffer.from(material.grant_id || [])), 'the draft access record names another grant for ' + material.license_id);
  }
}

// The consent.record_access transaction: TransactionBody in canonical bytes, signed over
// "govchain/v1/tx" || 0 || body (node-core's Transactions.sign); its id is H("govchain/v1/tx-id" ||
// 0 || body).
function signAccessRecord(context, key, plan, nonce) {
  const body = encode(context.protos, 'govchain.core.v1.TransactionBody', {
    chain_id: plan.consent_chain_id,
    type: RECORD_ACCESS,
    payload: plan.access_record_payload,
    submitter: key.publicKey,
    nonce: nonce.toString(),
    timestamp_millis: String(Date.now()),
  });
  const signature = key.sign(Buffer.concat([stateProof.tag('govchain/v1/tx'), body]));
  const id = stateProof.H(hashOf(key.suite), stateProof.tag('govchain/v1/tx-id'), body);
  return { transaction: { body, signature }, id };
}

const u32 = (length) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(length);
  return bytes;
};

// docs/subchains.md: H("govchain/v1/item-commitment" || 0 || u32 len || licence id || u32 len ||
// item code || salt (32 bytes) || u32 len || value), strings in UTF-8, H the licence chain's hash.
function itemCommitment(algorithm, licenseId, itemCode, salt, value) {
  const parts = [Buffer.from(licenseId, 'utf8'), Buffer.from(itemCode, 'utf8')];
  const valueBytes = Buffer.from(value, 'utf8');
  return stateProof.H(algorithm, stateProof.tag('govchain/v1/item-commitment'), u32(parts[0].length), parts[0], u32(parts[1].length), parts[1], salt, u32(valueBytes.length), valueBytes);
}

// A found material: its licence answer proven under a certified anchor of the licence chain, and
// every released value opening its commitment in that proven record.
function checkFoundMaterial(context, material) {
  const plan = material.plan;
  refuse(!material.vault_error, 'the vault did not answer: ' + material.vault_error);
  const proven = checkLicenseAnswer(context, material.license, plan.license_id);
  refuse(proven.proof === 'present', 'the licence ' + plan.license_id + ' is proven absent');
  const record = material.license.license;
  const items = material.items || [];
  refuse(sameList(items.map((i) => i.item_code), plan.released_items), 'the released items are not the planned ' + (plan.released_items || []).join(','));
  const algorithm = hashOf(context.genesis.get(material.license.state.anchor.chain_id).suite);
  for (const item of items) {
    const committed = (record.content.items || []).find((c) => c.item_code === item.item_code);
    refuse(committed, 'the licence record commits to no item ' + item.item_code);
    const salt = Buffer.from(item.salt || []);
    refuse(salt.length === ITEM_SALT_BYTES && Buffer.byteLength(item.value || '', 'utf8') <= ITEM_VALUE_BYTES_MAX, 'item ' + item.item_code + ' has a malformed salt or an oversized value');
    const commitment = itemCommitment(algorithm, plan.license_id, item.item_code, salt, item.value || '');
    refuse(commitment.equals(Buffer.from(committed.commitment || [])), 'the value of item ' + item.item_code + ' does not match its commitment');
  }
  return { license_id: plan.license_id, items: items.length, commitments: 'match', ...proven };
}

function checkPulledMaterial(context, material) {
  const plan = material.plan || {};
  const line = { material_code: plan.material_code, state: plan.state || 'MATERIAL_STATE_UNSPECIFIED' };
  if (plan.state === 'FOUND') return { ...line, ...checkFoundMaterial(context, material) };
  if (plan.state === 'MISSING') return { ...line, missing_reason: plan.missing_reason };
  return { ...line, reason: plan.reason, message: plan.message };
}

// PlanPull, check and sign the draft, PullMaterials; one result per material.
async function pull(context, options, itemCode, index) {
  const key = context.signingKey;
  const kiosk = connect(context, options, 'KioskService');
  const request = { applicant: Buffer.from(options.applicant, 'hex'), service_item_code: itemCode, requester: key.publicKey, verification_id: Buffer.from(options.verification, 'hex') };
  if (options.organization) request.organization = Buffer.from(options.organization, 'hex');
  const plan = await invoke(kiosk, 'PlanPull', request, options.deadlineMillis);
  if (!plan.access_record_payload || plan.access_record_payload.length === 0) {
    return (plan.materials || []).map((m) => checkPulledMaterial(context, { plan: m }));
  }
  checkDraft(context, plan, itemCode);
  const nonce = (options.nonce === undefined ? BigInt(Date.now()) * 1000n : BigInt(options.nonce)) + BigInt(index);
  const access = signAccessRecord(context, key, plan, nonce);
  const answer = await invoke(kiosk, 'PullMaterials', { request, access_record: access.transaction }, options.deadlineMillis);
  refuse(Buffer.from(answer.access_record_id || []).equals(access.id), 'the node names another access record than the one signed here');
  const recorded = { access_record_id: access.id.toString('hex'), access_record_height: answer.access_record_height || '0' };
  return checkMaterials(context, answer, recorded);
}

// One result per material of a PullAnswer: a material that does not check is refused alone.
function checkMaterials(context, answer, extra) {
  return (answer.materials || []).map((material) => {
    try {
      return { ok: true, ...checkPulledMaterial(context, material), ...extra };
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      return { ok: false, material_code: (material.plan || {}).material_code, error: error.message, ...extra };
    }
  });
}

// A PullAnswer saved as bytes (e.g. by a counter's system), its materials checked offline. The
// access record's signature is not in the answer: only its id and height are reported.
function checkSavedPull(context, file) {
  refuse(fs.statSync(file).size <= ANSWER_BYTES_MAX, 'the file is larger than ' + ANSWER_BYTES_MAX + ' bytes');
  const answer = decode(context, 'govchain.api.v1.PullAnswer', fs.readFileSync(file));
  const recorded = { access_record_id: Buffer.from(answer.access_record_id || []).toString('hex'), access_record_height: answer.access_record_height || '0' };
  return checkMaterials(context, answer, recorded);
}

// The calls: each is a request from its argument and the check of its answer, or (for flows of more
// than one RPC) a function of its own that calls and checks, answering one result or a list.
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
  pull: {
    service: 'KioskService',
    method: 'PullMaterials',
    perform: pull,
  },
  'check-saved': { method: 'check-saved', offline: true, perform: (context, options, file) => checkSaved(context, file) },
  'check-pull': { method: 'check-pull', offline: true, perform: (context, options, file) => checkSavedPull(context, file) },
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
  if (options.signingKey) context.signingKey = loadSigningKey(options.signingKey);
  let allChecked = true;
  for (const [index, argument] of options.arguments.entries()) {
    let lines;
    try {
      const call = CALLS[options.call];
      const results = call.perform
        ? await call.perform(context, options, argument, index)
        : call.check(context, await invoke(connect(context, options, call.service), call.method, call.request(argument), options.deadlineMillis), argument);
      lines = [].concat(results).map((result) => ({ call: call.method, argument, ok: true, ...result }));
    } catch (error) {
      let reason;
      if (error instanceof Refused) reason = error.message;
      else if (typeof error.code === 'number') reason = 'gRPC ' + grpc.status[error.code] + ': ' + error.details;
      else if (typeof error.code === 'string') reason = error.message; // a file that cannot be read
      else throw error;
      lines = [{ call: options.call, argument, ok: false, error: reason }];
    }
    for (const line of lines) {
      if (!line.ok) allChecked = false;
      console.log(JSON.stringify(line));
    }
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

// State-proof checking for the kiosk client: the independent verifier written from
// docs/storage.md alone (storage/src/test/resources/verify-state-proof.js), required from the
// repository rather than copied, so the store's proofs (storage's IndependentVerifierTest) and a
// running network's answers (the node's FourNodeNetworkIT) are checked by one and the same code.
//
// Input: {hash: "sm3"|"sha256", root: hex, key: hex, siblings: [hex or ""...],
//         value: hex (inclusion) | otherKeyPath: hex, otherValueHash: hex (absence; "" for empty)}
// Output: "VALID present <value hex>", "VALID absent", or "INVALID <reason>".
'use strict';
const path = require('path');

module.exports = require(
  path.join(__dirname, '..', '..', '..', '..', 'storage', 'src', 'test', 'resources', 'verify-state-proof.js'));

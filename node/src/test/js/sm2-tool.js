// A command-line face of ./sm2.js, for checking it against independent SM2 implementations
// (JavaScriptSm2Test runs it next to OpenSSL and node-core's Bouncy Castle suite):
//
//   node sm2-tool.js public-key KEY.pem              prints the raw public key 04||x||y (hex)
//   node sm2-tool.js sign KEY.pem FILE               prints the DER signature of FILE's bytes (hex)
//   node sm2-tool.js verify PUBLIC_HEX FILE SIG_HEX  prints "valid" (exit 0) or "invalid" (exit 1)
//
// SM3 and the default user id "1234567812345678" throughout. Exit 2 on bad usage or a bad key file.
'use strict';
const fs = require('fs');
const sm2 = require('./sm2');

function main(argv) {
  const [command, ...rest] = argv;
  if (command === 'public-key' && rest.length === 1) {
    console.log(sm2.privateKeyFromPem(fs.readFileSync(rest[0], 'ascii')).publicKey.toString('hex'));
    return 0;
  }
  if (command === 'sign' && rest.length === 2) {
    const key = sm2.privateKeyFromPem(fs.readFileSync(rest[0], 'ascii'));
    console.log(sm2.sign(key.d, fs.readFileSync(rest[1])).toString('hex'));
    return 0;
  }
  if (command === 'verify' && rest.length === 3) {
    const valid = sm2.verify(Buffer.from(rest[0], 'hex'), fs.readFileSync(rest[1]), Buffer.from(rest[2], 'hex'));
    console.log(valid ? 'valid' : 'invalid');
    return valid ? 0 : 1;
  }
  throw new Error('usage: sm2-tool.js public-key KEY.pem | sign KEY.pem FILE | verify PUBLIC_HEX FILE SIG_HEX');
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(error.message);
  process.exitCode = 2;
}

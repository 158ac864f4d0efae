// Preloaded (`node --require webjar-modules.js`) when the client runs on the npm packages the
// Maven build unpacks from WebJars into node/target/js/node_modules (CI reaches Maven Central
// only). protobufjs's small helper packages (@protobufjs/aspromise, /codegen, /fetch, ...) are not
// published as WebJars, so `require('protobufjs')` would fail there. protobufjs ships the same
// library with those helpers bundled in dist/protobuf.js: this makes `require('protobufjs')` (and
// `protobufjs/ext/descriptor`'s `require('../..')`) return that bundle, with Node's Buffer, fs and the
// `long` package plugged in where the bundle would have looked them up itself (its lookups go
// through the bundle's own module table, which does not hold them). With a normal `npm install` the
// helpers resolve and this file changes nothing.
'use strict';
const Module = require('module');
const path = require('path');

function helpersResolve(packageDirectory) {
  try {
    require.resolve('@protobufjs/aspromise', { paths: [packageDirectory] });
    return true;
  } catch (e) {
    return false;
  }
}

const main = require.resolve('protobufjs');
const packageDirectory = path.dirname(main);
if (!helpersResolve(packageDirectory)) {
  const protobuf = require(path.join(packageDirectory, 'dist', 'protobuf.js'));
  protobuf.util.Buffer = Buffer;
  protobuf.util.fs = require('fs');
  protobuf.util.Long = require(require.resolve('long', { paths: [packageDirectory] }));
  protobuf.configure();
  const cached = new Module(main, module);
  cached.filename = main;
  cached.paths = Module._nodeModulePaths(packageDirectory);
  cached.exports = protobuf;
  cached.loaded = true;
  require.cache[main] = cached;
}

#!/usr/bin/env node
// Runs Learning Locker's statement service (npm xapi-statements) in memory, bound to 127.0.0.1
// only, on a free port. Test use only: any Basic credentials are accepted (AUTH_REPO=test).
//   node lrs-loopback.js <work-dir>
// Prints one JSON line {"lrs_port": N} on stdout once the server listens; logs go to <work-dir>.
'use strict';
const fs = require('fs');
const net = require('net');
const path = require('path');

const workDir = path.resolve(process.argv[2] || fs.mkdtempSync('/tmp/txr-lrs-'));
fs.mkdirSync(path.join(workDir, 'storage'), { recursive: true });
fs.mkdirSync(path.join(workDir, 'logs'), { recursive: true });

Object.assign(process.env, {
  MODELS_REPO: 'memory',
  AUTH_REPO: 'test',
  EVENTS_REPO: 'test',
  STORAGE_REPO: 'local',
  FS_LOCAL_STORAGE_DIR: path.join(workDir, 'storage'),
  EXPRESS_MORGAN_DIRECTORY: path.join(workDir, 'logs'),
  EXPRESS_PORT: '0',
  SERVICE_AWAIT_UPDATES: 'true',
  WINSTON_CONSOLE_LEVEL: process.env.WINSTON_CONSOLE_LEVEL || 'error',
});

// The service calls app.listen(port) with no host, which binds every interface. Force loopback
// whatever arguments it passes, and report the port it got.
const originalListen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  let port = 0;
  let callback;
  for (const arg of args) {
    if (typeof arg === 'function') callback = arg;
    else if (typeof arg === 'number' || (typeof arg === 'string' && /^\d+$/.test(arg))) port = Number(arg);
    else if (arg && typeof arg === 'object' && arg.port !== undefined) port = Number(arg.port);
  }
  this.once('listening', () => {
    process.stdout.write(JSON.stringify({ lrs_port: this.address().port }) + '\n');
  });
  return originalListen.call(this, { port, host: '127.0.0.1' }, callback);
};

process.chdir(workDir);  // dotenv and default storage paths resolve under the work dir
require(path.join(__dirname, 'node_modules', 'xapi-statements', 'dist', 'index.js'));

#!/usr/bin/env node
// Test-only fault-injection proxy in front of a real LRS (lrs-loopback.js), all on 127.0.0.1.
//   node fault-proxy.js <work-dir>
// Starts the LRS as a child, then prints one JSON line on stdout:
//   {"proxy_port": P, "control_port": C, "lrs_port": L}
// Uploads go to http://127.0.0.1:P/xAPI/. Each request to the proxy takes the next fault from a
// queue set by the test (POST http://127.0.0.1:C/faults with a JSON array); an empty queue passes
// requests through. Faults:
//   {"kind":"pass"}                        forward to the LRS, return its answer
//   {"kind":"reset"}                       drop the connection without forwarding
//   {"kind":"reset_after_forward"}         forward (the LRS stores), then drop the connection
//   {"kind":"slow","ms":N}                 forward, hold the answer N ms (beyond client timeouts)
//   {"kind":"status","status":S,"retry_after":"1"}   answer S without forwarding
//                                          ("min_statements":N: only for batches of >= N, else pass)
//   {"kind":"refuse","ms":N}               stop listening for N ms (connection refused)
//   {"kind":"kill_lrs"}                    SIGKILL the LRS mid-request and start a new one; the
//                                          statements it held are kept in an archive first
// Control: GET /state, GET /archive (statements of killed LRS instances, stored order),
// GET /received[?from=N] (bodies of the statement POSTs the LRS received, from the N-th). The proxy exits when its
// stdin closes, so a crashed test leaves nothing running.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const path = require('path');
const readline = require('readline');

const workDir = path.resolve(process.argv[2] || '.');
let lrs = null;           // { child, port }
let lrsGeneration = 0;
let restarting = null;    // Promise while a new LRS starts
let faults = [];
const archive = [];       // statements of killed LRS instances, in stored order
const received = [];      // bodies of statement POSTs forwarded to the LRS
let requestCount = 0;
const sockets = new Set();

function startLrs() {
  lrsGeneration += 1;
  const dir = path.join(workDir, `lrs-${lrsGeneration}`);
  fs.mkdirSync(dir, { recursive: true });
  // The LRS logs every rejected request; keep that out of the test output, in its folder.
  const log = fs.openSync(path.join(dir, 'lrs.log'), 'a');
  const child = spawn(process.execPath, [path.join(__dirname, 'lrs-loopback.js'), dir],
    { stdio: ['ignore', 'pipe', log] });
  fs.closeSync(log);
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout });
    rl.once('line', (line) => {
      rl.close();
      child.stdout.pipe(fs.createWriteStream(path.join(dir, 'lrs.log'), { flags: 'a' }));
      const port = JSON.parse(line).lrs_port;
      waitReady(port).then(() => { lrs = { child, port }; resolve(lrs); }, reject);
    });
    child.once('exit', (code) => { if (!lrs || lrs.child !== child) reject(new Error(`LRS exited ${code}`)); });
  });
}

function waitReady(port) {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 30000;
    const poll = () => {
      const req = http.get({ host: '127.0.0.1', port, path: '/xAPI/about' }, (res) => {
        res.resume();
        if (res.statusCode === 200) resolve(); else retry();
      });
      req.on('error', retry);
    };
    const retry = () => (Date.now() > deadline ? reject(new Error('LRS not ready')) : setTimeout(poll, 50));
    poll();
  });
}

function request(port, method, urlPath, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function snapshotStatements(port) {
  const headers = { 'X-Experience-API-Version': '1.0.3', Authorization: 'Basic ' + Buffer.from('proxy:proxy').toString('base64') };
  let next = '/xAPI/statements?ascending=true&limit=500';
  const all = [];
  while (next) {
    const res = await request(port, 'GET', next, headers);
    const page = JSON.parse(res.body.toString('utf8'));
    all.push(...page.statements);
    next = page.more ? page.more.replace(/^https?:\/\/[^/]+/, '') : '';
    if (next && !next.startsWith('/xAPI')) next = '/xAPI' + (next.startsWith('/') ? '' : '/') + next;
  }
  return all;
}

async function killAndRestartLrs() {
  const old = lrs;
  archive.push(...await snapshotStatements(old.port));
  lrs = null;
  old.child.kill('SIGKILL');
  restarting = startLrs().finally(() => { restarting = null; });
  return restarting;
}

// Statements in a POST body (a JSON array, or the first part of multipart/mixed).
function countStatements(body) {
  let text = body.toString('utf8');
  if (text.startsWith('--')) text = text.slice(text.indexOf('\r\n\r\n') + 4, text.indexOf('\r\n--', 4));
  try {
    const parsed = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.length : 1;
  } catch (e) {
    return 1;
  }
}

// A stand-in LMS for cmi5 launch tests: the fetch URL hands out the auth token once (a second
// fetch gets the cmi5 error answer), and GET activities/state returns LMS.LaunchData as the LMS
// would have written it. Set both through the control port: POST /lms {token, launch_data}.
let lms = { token: '', launch_data: null, fetches: 0, launch_data_reads: 0 };
function handleLms(req, res) {
  const url = new URL(req.url, 'http://x');
  const json = (status, obj) => { res.writeHead(status, { 'Content-Type': 'application/json' }); res.end(JSON.stringify(obj)); };
  if (req.method === 'POST' && url.pathname === '/lms/fetch') {
    lms.fetches += 1;
    if (lms.fetches > 1 || !lms.token) json(200, { 'error-code': '1', 'error-text': 'the token was already fetched' });
    else json(200, { 'auth-token': lms.token });
    return true;
  }
  if (req.method === 'GET' && url.pathname === '/xAPI/activities/state' && url.searchParams.get('stateId') === 'LMS.LaunchData') {
    lms.launch_data_reads += 1;
    const auth = req.headers.authorization || '';
    if (auth !== `Basic ${lms.token}`) { json(401, { message: 'bad credentials' }); return true; }
    if (!lms.launch_data) { res.writeHead(404); res.end(); return true; }
    json(200, lms.launch_data);
    return true;
  }
  return false;
}

async function handle(req, res, body) {
  if (handleLms(req, res)) return;
  requestCount += 1;
  const fault = faults.length ? faults.shift() : { kind: 'pass' };
  const drop = () => req.socket.destroy();
  const forward = async () => {
    if (!lrs) { drop(); return null; }   // LRS down (restarting): the client sees a reset
    const headers = { ...req.headers };
    delete headers.host;
    headers.connection = 'close';
    const isPost = req.method === 'POST' && req.url.startsWith('/xAPI/statements');
    try {
      const answer = await request(lrs.port, req.method, req.url, headers, body);
      if (isPost) received.push(body.toString('utf8'));
      return answer;
    } catch (e) {
      drop();
      return null;
    }
  };
  const reply = (answer) => {
    if (!answer || res.destroyed) return;
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    delete headers.connection;
    headers['content-length'] = answer.body.length;
    res.writeHead(answer.status, headers);
    res.end(answer.body);
  };
  switch (fault.kind) {
    case 'pass': reply(await forward()); break;
    case 'reset': drop(); break;
    case 'reset_after_forward': await forward(); drop(); break;
    case 'slow': { const a = await forward(); setTimeout(() => reply(a), fault.ms || 2000); break; }
    case 'status': {
      if (fault.min_statements && countStatements(body) < fault.min_statements) { reply(await forward()); break; }
      const headers = { 'Content-Type': 'application/json' };
      if (fault.retry_after !== undefined) headers['Retry-After'] = String(fault.retry_after);
      res.writeHead(fault.status, headers);
      res.end(JSON.stringify({ message: `injected ${fault.status}` }));
      break;
    }
    case 'refuse': refuse(fault.ms || 500); break;
    case 'kill_lrs': drop(); if (lrs) await killAndRestartLrs(); break;  // already restarting: just drop
    default: res.writeHead(500); res.end(`unknown fault ${fault.kind}`);
  }
}

const proxy = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => handle(req, res, Buffer.concat(chunks)).catch((e) => {
    process.stderr.write(`fault-proxy: ${e.stack}\n`);
    req.socket.destroy();
  }));
});
proxy.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
let proxyPort = 0;

function refuse(ms) {
  proxy.close();
  for (const s of sockets) s.destroy();
  setTimeout(() => proxy.listen(proxyPort, '127.0.0.1'), ms);
}

const control = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const send = (obj) => { res.writeHead(200, { 'Content-Type': 'application/json' }); res.end(JSON.stringify(obj)); };
    try {
      if (req.method === 'POST' && req.url === '/faults') {
        faults = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        send({ queued: faults.length });
      } else if (req.url === '/state') {
        if (restarting) await restarting;
        send({ faults_left: faults.length, requests: requestCount, received: received.length, lrs_port: lrs ? lrs.port : 0, generation: lrsGeneration });
      } else if (req.method === 'POST' && req.url === '/lms') {
        const doc = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        lms = { token: doc.token || '', launch_data: doc.launch_data || null, fetches: 0, launch_data_reads: 0 };
        send({ ok: true });
      } else if (req.url === '/lms') {
        send(lms);
      } else if (req.url === '/archive') {
        send({ statements: archive });
      } else if (req.url.startsWith('/received')) {
        const from = Number(new URL(req.url, 'http://x').searchParams.get('from') || 0);
        send({ bodies: received.slice(from), total: received.length });
      } else {
        res.writeHead(404); res.end();
      }
    } catch (e) {
      res.writeHead(500); res.end(String(e));
    }
  });
});

function shutdown() {
  if (lrs) lrs.child.kill('SIGKILL');
  process.exit(0);
}
process.stdin.on('end', shutdown);
process.stdin.on('error', shutdown);
process.stdin.resume();
process.on('SIGTERM', shutdown);

startLrs().then(() => {
  proxy.listen(0, '127.0.0.1', () => {
    proxyPort = proxy.address().port;
    control.listen(0, '127.0.0.1', () => {
      process.stdout.write(JSON.stringify({ proxy_port: proxyPort, control_port: control.address().port, lrs_port: lrs.port }) + '\n');
    });
  });
}, (e) => { process.stderr.write(`fault-proxy: ${e.message}\n`); process.exit(1); });

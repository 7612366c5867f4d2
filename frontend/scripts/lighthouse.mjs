// Measures the main pages as a phone on a mobile network sees them: Lighthouse
// (default mobile profile: simulated slow 4G, 4× CPU slowdown) in Debian's
// Chromium against the built binary on the demo data, signed in as the demo
// manager (the sign-in page signed out). Each page is measured --runs times
// in a fresh browser (a first visit, nothing cached) and the run of median
// performance is kept. The figures go to docs/bench/raw/lighthouse-<label>.json
// and, with the "before" figures when there are some, to the Lighthouse
// section of docs/PERFORMANCE.md (the rest of that file is kept).
// A report, not a test: timings vary with the machine's load. With
// --baseline OTHER_BINARY both binaries are served side by side and each
// page is measured on one and the other in turn, so that both sets of
// figures share the machine's load; the baseline's are kept as "before".
//
// --pages sign-in,dashboard measures only those pages (by the start of their
// names) and prints the figures without writing them: a partial table would
// hide the other pages' figures. --reports DIR keeps every run's full
// Lighthouse report there, for the audits behind a score (bootup-time,
// mainthread-work-breakdown, errors-in-console, the LCP element).
//
// Usage: node scripts/lighthouse.mjs [--binary ../bin/liaison] [--label now] [--runs 3] [--baseline bin] [--pages a,b] [--reports dir]
import { launch as launchChrome } from 'chrome-launcher';
import puppeteer from 'puppeteer-core';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const binary = resolve(arg('binary', join(root, 'bin/liaison')));
const baselineBinary = arg('baseline') ? resolve(arg('baseline')) : undefined;
const label = arg('label', 'now');
const runs = Number(arg('runs', process.env.LIGHTHOUSE_RUNS ?? '3'));
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const lighthouseBin = join(here, '../node_modules/.bin/lighthouse');
const onlyPages = arg('pages')?.split(',').filter(Boolean);
const reportsDir = arg('reports') ? resolve(arg('reports')) : undefined;
const rawDir = join(root, 'docs/bench/raw');
const performanceDoc = join(root, 'docs/PERFORMANCE.md');

const MANAGER = { email: 'manager@demo.liaison', password: 'liaison-demo-2026' };

for (const [what, path] of [['the Liaison binary (make build)', binary], ...(baselineBinary ? [['the baseline binary', baselineBinary]] : []), ['Chromium (apt-get install chromium)', chromium], ['Lighthouse (npm ci)', lighthouseBin]]) {
  if (!existsSync(path)) {
    console.error(`lighthouse: ${what} not found at ${path}`);
    process.exit(1);
  }
}

/** A free loopback port, from the kernel. */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

/** `liaison demo` into a fresh SQLite file, then `liaison serve` on it until /readyz answers. */
async function startDemo(binary) {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-lighthouse-'));
  const env = { ...process.env, LIAISON_DB: `sqlite:${join(dir, 'liaison.db')}` };
  const loaded = spawnSync(binary, ['demo'], { env, encoding: 'utf8' });
  if (loaded.status !== 0) throw new Error(`liaison demo failed:\n${loaded.stdout}\n${loaded.stderr}`);
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  // The server's log goes to a file, not a pipe: Lighthouse runs through
  // spawnSync, which blocks this process's event loop, so a pipe would not be
  // drained, fill up after some requests' log lines, and stall the server
  // mid-page (a signed-in page makes enough requests to get there).
  const logPath = join(dir, 'serve.log');
  const log = openSync(logPath, 'w');
  const child = spawn(binary, ['serve'], { env: { ...env, LIAISON_ADDR: `127.0.0.1:${port}` }, stdio: ['ignore', 'ignore', log] });
  closeSync(log);
  const output = () => (existsSync(logPath) ? readFileSync(logPath, 'utf8').split('\n').slice(-20).join('\n') : '');
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`liaison serve exited with ${child.exitCode}:\n${output()}`);
    const ready = await fetch(`${baseURL}/readyz`).then((r) => r.ok, () => false);
    if (ready) return { baseURL, stop };
    if (Date.now() > deadline) {
      const tail = output();
      await stop();
      throw new Error(`liaison serve was not ready within 60 s:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Signs in through the API and returns the cookies it sets (the session's, the language's) as a Cookie header value. */
async function signIn(baseURL) {
  const response = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(MANAGER),
  });
  if (!response.ok) throw new Error(`sign-in as ${MANAGER.email}: ${response.status}`);
  return response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

/** The first id the API lists for a query, as the manager sees it. */
async function firstId(baseURL, cookie, path) {
  const response = await fetch(`${baseURL}${path}`, { headers: { Cookie: cookie } });
  const body = await response.json();
  if (!body.items?.[0]) throw new Error(`nothing at ${path}`);
  return body.items[0].id;
}

/** One Lighthouse run in a fresh headless Chromium, tried again (twice) when Chromium or the trace fails. */
async function lighthouse(url, cookie, name) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await lighthouseOnce(url, cookie, name);
    } catch (error) {
      if (attempt >= 3) throw error;
      console.warn(`retrying: ${error.message}`);
    }
  }
}

/**
 * A fresh headless Chromium (a new profile: nothing cached), holding the
 * session in its cookie jar as a signed-in browser does. Not as an extra
 * request header: the app keeps a cookie of its own (the UI language), and
 * once the jar has one, Chromium sends the jar's cookies and drops the
 * header's, which signed the page out mid-run.
 */
async function launchBrowser(url, cookie) {
  const chrome = await launchChrome({
    chromePath: chromium,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    if (cookie) {
      const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
      const page = (await browser.pages())[0] ?? (await browser.newPage());
      const cookies = cookie.split('; ').map((pair) => {
        const at = pair.indexOf('=');
        return { name: pair.slice(0, at), value: pair.slice(at + 1), url };
      });
      await page.setCookie(...cookies);
      await browser.disconnect();
    }
    return chrome;
  } catch (error) {
    chrome.kill();
    throw error;
  }
}

async function lighthouseOnce(url, cookie, name) {
  const out = join(mkdtempSync(join(tmpdir(), 'lh-')), 'report.json');
  const chrome = await launchBrowser(url, cookie);
  const args = [url, '--output=json', `--output-path=${out}`, '--only-categories=performance,accessibility,best-practices', `--port=${chrome.port}`];
  let result;
  try {
    result = spawnSync(lighthouseBin, args, { env: { ...process.env, CHROME_PATH: chromium }, encoding: 'utf8', timeout: 180_000, maxBuffer: 64 << 20 });
  } finally {
    chrome.kill();
  }
  // Lighthouse logs its progress on stderr; the last lines say why a run failed.
  const tail = (result.stderr ?? '').trim().split('\n').slice(-8).join('\n');
  if (result.status !== 0 || !existsSync(out)) throw new Error(`lighthouse ${url} failed (status ${result.status}, ${result.error ?? result.signal ?? ''}):\n${tail}`);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  if (reportsDir) {
    mkdirSync(reportsDir, { recursive: true });
    copyFileSync(out, join(reportsDir, `${name}.json`));
  }
  rmSync(dirname(out), { recursive: true, force: true });
  if (report.runtimeError) throw new Error(`lighthouse ${url}: ${report.runtimeError.message}`);
  const score = (category) => Math.round((report.categories[category]?.score ?? 0) * 100);
  const ms = (audit) => report.audits[audit]?.numericValue ?? NaN;
  // Audits below a full score in accessibility and best practices, so that a
  // lost point can be found without opening a report.
  const failing = ['accessibility', 'best-practices'].flatMap((category) =>
    report.categories[category].auditRefs
      .filter((ref) => ref.weight > 0 && report.audits[ref.id].score !== null && report.audits[ref.id].score < 1)
      .map((ref) => ref.id),
  );
  return {
    finalUrl: report.finalDisplayedUrl,
    performance: score('performance'),
    fcp: ms('first-contentful-paint'),
    lcp: ms('largest-contentful-paint'),
    tbt: ms('total-blocking-time'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    failing,
  };
}

const seconds = (v) => `${(v / 1000).toFixed(1)} s`;

/** The Markdown table of one set of results. */
function table(results) {
  const lines = ['| page | performance | FCP | LCP | TBT | accessibility | best practices |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |'];
  for (const r of results) {
    lines.push(`| ${r.page} | ${r.performance} | ${seconds(r.fcp)} | ${seconds(r.lcp)} | ${Math.round(r.tbt)} ms | ${r.accessibility} | ${r.bestPractices} |`);
  }
  return lines.join('\n');
}

/** Replaces (or appends) the Lighthouse section of docs/PERFORMANCE.md, keeping everything else. */
function writeSection(now, before) {
  const begin = '<!-- lighthouse:begin (written by `make lighthouse`) -->';
  const end = '<!-- lighthouse:end -->';
  const parts = [
    begin,
    '## Pages on a phone (Lighthouse)',
    '',
    `\`make lighthouse\` (frontend/scripts/lighthouse.mjs): Lighthouse ${lighthouseVersion()}, default mobile profile (simulated slow 4G, 4× CPU slowdown), ` +
      `Debian's Chromium, the built binary on the demo data, signed in as the demo manager (the sign-in page signed out). ` +
      `Each page is loaded in a fresh browser (nothing cached) ${runs} times; the run of median performance is shown. ` +
      'Timings depend on the machine and its load; they are never a test. ' +
      `Load average when the run ended: ${loadavg().map((l) => l.toFixed(1)).join(', ')} (1, 5, 15 min) on ${cpus().length} cores` +
      (before?.sameRun ? '; "before" was measured in the same run, page by page beside "now", so compare the two rather than either with another run.' : '.'),
    '',
    `### ${now.label}, ${now.date}`,
    '',
    table(now.results),
  ];
  if (before && before.label !== now.label) {
    parts.push('', `### ${before.label}, ${before.date}`, '', table(before.results));
  }
  parts.push(end);
  const section = parts.join('\n');
  const doc = existsSync(performanceDoc) ? readFileSync(performanceDoc, 'utf8') : '';
  const from = doc.indexOf(begin);
  const to = doc.indexOf(end);
  const next = from >= 0 && to > from ? doc.slice(0, from) + section + doc.slice(to + end.length) : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(performanceDoc, next);
}

function lighthouseVersion() {
  return JSON.parse(readFileSync(join(here, '../node_modules/lighthouse/package.json'), 'utf8')).version;
}

/** A demo server with its session cookie and the pages to measure on it. */
async function prepare(binary) {
  const server = await startDemo(binary);
  try {
    const cookie = await signIn(server.baseURL);
    const visit = await firstId(server.baseURL, cookie, '/api/v1/visits?q=Study%20visit%20National%20Committee&limit=1');
    const all = [
      { page: 'sign-in', path: '/login', signedIn: false },
      { page: 'dashboard', path: '/', signedIn: true },
      { page: 'organizations', path: '/organizations', signedIn: true },
      { page: 'a visit (the study visit)', path: `/visits/${visit}`, signedIn: true },
      { page: 'commitments', path: '/commitments', signedIn: true },
      { page: 'review', path: '/review', signedIn: true },
    ];
    const pages = onlyPages ? all.filter((p) => onlyPages.some((name) => p.page.startsWith(name))) : all;
    if (pages.length === 0) throw new Error(`no page matches --pages ${onlyPages.join(',')}`);
    return { ...server, cookie, pages };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** The run of median performance among a page's runs. */
function median(p, all) {
  all.sort((a, b) => a.performance - b.performance || a.lcp - b.lcp);
  const m = all[Math.floor(all.length / 2)];
  if (new URL(m.finalUrl).pathname !== p.path) throw new Error(`${p.page}: ended at ${m.finalUrl}, not ${p.path}`);
  return { page: p.page, path: p.path.replace(/\d+$/, ':id'), ...m, runs: all.map((r) => r.performance) };
}

function describe(name, r) {
  return `${name.padEnd(34)} perf ${String(r.performance).padStart(3)} (runs ${r.runs.join(', ')})  FCP ${seconds(r.fcp)}  LCP ${seconds(r.lcp)}  TBT ${Math.round(r.tbt)} ms  a11y ${r.accessibility}  bp ${r.bestPractices}${r.failing.length ? `  below 100: ${r.failing.join(', ')}` : ''}`;
}

const servers = [await prepare(binary)];
if (baselineBinary) servers.push(await prepare(baselineBinary));
try {
  const results = servers.map(() => []);
  for (let i = 0; i < servers[0].pages.length; i++) {
    const all = servers.map(() => []);
    for (let run = 0; run < runs; run++) {
      for (const [k, server] of servers.entries()) {
        const p = server.pages[i];
        const name = `${k === 0 ? label : 'before'}-${p.page.split(' ')[0]}-${run + 1}`;
        all[k].push(await lighthouse(`${server.baseURL}${p.path}`, p.signedIn ? server.cookie : undefined, name));
      }
    }
    servers.forEach((server, k) => {
      const r = median(server.pages[i], all[k]);
      results[k].push(r);
      console.log(describe(`${k === 0 ? label : 'before'}: ${r.page}`, r));
    });
  }
  if (onlyPages) {
    console.log('some pages only (--pages): nothing written');
  } else {
    const date = new Date().toISOString().slice(0, 10);
    const now = { label, date, results: results[0] };
    mkdirSync(rawDir, { recursive: true });
    writeFileSync(join(rawDir, `lighthouse-${label}.json`), `${JSON.stringify(now, null, 2)}\n`);
    const beforeFile = join(rawDir, 'lighthouse-before.json');
    if (baselineBinary) writeFileSync(beforeFile, `${JSON.stringify({ label: 'before', date, sameRun: true, results: results[1] }, null, 2)}\n`);
    const before = existsSync(beforeFile) ? JSON.parse(readFileSync(beforeFile, 'utf8')) : undefined;
    writeSection(now, before);
    console.log(`written: docs/bench/raw/lighthouse-${label}.json${baselineBinary ? ', lighthouse-before.json' : ''} and the Lighthouse section of docs/PERFORMANCE.md`);
  }
} finally {
  for (const server of servers) await server.stop();
}

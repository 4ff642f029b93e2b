#!/usr/bin/env node
// Fetches only Web Chat's prebuilt browser bundle (dist/webchat.js) from the npm registry into vendor/webchat/,
// because the full package pulls in ~480 MB and clinics' networks often have no CDN. Idempotent; offline is a
// warning, never a failed install (the page then says the chat component is missing and still shows contacts).
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const VERSION = '4.18.0';
const target = path.join(__dirname, '..', 'vendor', 'webchat');
const bundle = path.join(target, 'webchat.js');
const stamp = path.join(target, 'VERSION');

function main() {
  if (fs.existsSync(bundle) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === VERSION) {
    console.log(`fetchWebchat: botframework-webchat ${VERSION} already in vendor/webchat, skipping`);
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'webchat-'));
  try {
    const out = execFileSync('npm', ['pack', `botframework-webchat@${VERSION}`, '--silent', '--pack-destination', tmp], {
      cwd: tmp, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000,
    });
    const tarball = path.join(tmp, out.trim().split('\n').pop());
    execFileSync('tar', ['-xzf', tarball, '-C', tmp, 'package/dist/webchat.js'], { stdio: 'ignore' });
    fs.mkdirSync(target, { recursive: true });
    fs.copyFileSync(path.join(tmp, 'package', 'dist', 'webchat.js'), bundle);
    fs.writeFileSync(stamp, `${VERSION}\n`);
    console.log(`fetchWebchat: botframework-webchat ${VERSION} bundle saved to vendor/webchat/webchat.js`);
  } catch (error) {
    console.warn(
      `fetchWebchat: WARNING could not fetch botframework-webchat ${VERSION} (${error.code || error.name}); ` +
        'the web chat page will show crisis contacts but no chat until you run `node scripts/fetchWebchat.js` online.',
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();

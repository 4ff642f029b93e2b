import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type restify from 'restify';

const DIR = join(__dirname, 'console');
const FILES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
};

/**
 * Serves the coordinator console: a small framework-free page (no build step) that talks only to the
 * coordinator API. The page itself holds no case data; everything it shows needs a signed-in session.
 */
export function registerConsolePage(server: restify.Server): void {
  const cache = new Map<string, Buffer>();
  const send = (name: string, res: restify.Response): void => {
    let body = cache.get(name);
    if (!body) {
      body = readFileSync(join(DIR, name));
      cache.set(name, body);
    }
    res.writeHead(200, {
      'Content-Type': FILES[name]!,
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
    });
    res.end(body);
  };
  server.get('/console', async (_req: restify.Request, res: restify.Response) => send('index.html', res));
  server.get('/console/:file', async (req: restify.Request, res: restify.Response) => {
    const file = String(req.params.file);
    if (!(file in FILES)) {
      res.send(404, { error: 'not found' });
      return;
    }
    send(file, res);
  });
}

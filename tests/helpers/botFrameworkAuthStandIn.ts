import { createServer, type Server } from 'node:http';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { closeServer, listenOnLoopback } from './localHttpServer';

/**
 * A local stand-in for the Bot Framework channel's token signing service: it publishes OpenID metadata and
 * a JWKS (with channel endorsements, as the real one does) and signs channel-to-bot tokens with its key.
 */
export class BotFrameworkAuthStandIn {
  private server: Server | undefined;
  private readonly privateKey: KeyObject;
  private readonly jwk: Record<string, unknown>;
  readonly kid = 'standin-key-1';
  url = '';

  constructor(private readonly endorsements: string[] = ['emulator', 'msteams', 'webchat', 'sms', 'directline']) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.jwk = { ...publicKey.export({ format: 'jwk' }), kid: this.kid, use: 'sig', alg: 'RS256', endorsements: this.endorsements };
  }

  get metadataUrl(): string {
    return `${this.url}/v1/.well-known/openidconfiguration`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      res.setHeader('Content-Type', 'application/json');
      if (req.url === '/v1/.well-known/openidconfiguration') {
        res.end(JSON.stringify({
          issuer: 'https://api.botframework.com',
          authorization_endpoint: `${this.url}/v1/auth`,
          jwks_uri: `${this.url}/v1/.well-known/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['private_key_jwt'],
        }));
      } else if (req.url === '/v1/.well-known/keys') {
        res.end(JSON.stringify({ keys: [this.jwk] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    this.url = await listenOnLoopback(this.server);
    return this;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
  }

  /** A channel-to-bot token as the Bot Connector issues it, signed with this stand-in's key (or another). */
  token(claims: { audience: string; serviceUrl: string }, signingKey: KeyObject = this.privateKey, kid = this.kid): string {
    const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const header = encode({ alg: 'RS256', typ: 'JWT', kid, x5t: kid });
    const payload = encode({
      iss: 'https://api.botframework.com',
      aud: claims.audience,
      serviceurl: claims.serviceUrl,
      nbf: now - 60,
      exp: now + 3600,
    });
    const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), signingKey).toString('base64url');
    return `${header}.${payload}.${signature}`;
  }
}

/** A private key nobody trusts, for forging tokens. */
export function attackerKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

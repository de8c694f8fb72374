/**
 * Where `npm start` puts the demo estate and Surveyor's callback listener (all on 127.0.2.0/24, away
 * from the stack's 127.0.0.1) and how often the local schedule scans tenants. Read once at start-up;
 * a bad value fails loudly (variables in .env.example).
 */
export interface EstateConfig {
  readonly httpsPort: number;
  readonly httpPort: number;
  readonly dnsPort: number;
  readonly callbackPort: number;
  readonly scanEveryMinutes: number;
}

export const ESTATE_NETWORK = '127.0.2';
export const ESTATE_FIRST_HOST = 10;
export const CALLBACK_ADDRESS = `${ESTATE_NETWORK}.54`;

export function readEstateConfig(env: NodeJS.ProcessEnv): EstateConfig {
  return {
    httpsPort: number(env, 'SURVEYOR_ESTATE_HTTPS_PORT', 8443, 1, 65535),
    httpPort: number(env, 'SURVEYOR_ESTATE_HTTP_PORT', 8080, 1, 65535),
    dnsPort: number(env, 'SURVEYOR_ESTATE_DNS_PORT', 8053, 1, 65535),
    callbackPort: number(env, 'SURVEYOR_CALLBACK_DNS_PORT', 8054, 1, 65535),
    scanEveryMinutes: number(env, 'SURVEYOR_SCAN_EVERY_MINUTES', 60, 1, 10_080),
  };
}

function number(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, not ${JSON.stringify(raw)}`);
  }
  return value;
}

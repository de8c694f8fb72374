/**
 * Words that name things in APIs. A segment made of such words (`orders`, `order-items`, `lineItems`)
 * is probably part of the API's structure; peers that ignore this over-merge `/users` and `/orders`.
 */
import { readFileSync } from 'node:fs';
import wordListPath from 'word-list';

/** Technical terms common in API paths that an English dictionary lacks. */
const API_TERMS = `api apis oauth oauth2 auth authn authz config configs admin webhooks webhook json xml csv html yaml
  pdf png jpg svg id ids uuid sso saml oidc mfa otp jwt jwks graphql rest rpc grpc ws wss sdk url urls uri uris
  http https ip ips dns ssl tls cert certs ssh vpn vpc cdn gcp aws azure iam kms sns sqs ec2 s3 ecs eks rds
  metadata healthz livez readyz ping info stats sys sysinfo env envs src dst repo repos org orgs app apps
  login logout signin signout signup sessionid callback callbacks userinfo whoami me self my
  batch bulk async sync init preview upsert undo redo cancel refund refunds payout payouts checkout
  v1 v2 v3 v4 v5 beta alpha internal public private openapi swagger docs spec specs`;

let words: Set<string> | undefined;

function load(): Set<string> {
  const set = new Set(readFileSync(wordListPath, 'utf8').split('\n'));
  for (const term of API_TERMS.split(/\s+/)) if (term !== '') set.add(term);
  return set;
}

/** True for dictionary words and API terms, case-insensitively: `isVocabularyWord('Orders')` -> true. */
export function isVocabularyWord(word: string): boolean {
  words ??= load();
  const lower = word.toLowerCase();
  if (words.has(lower)) return true;
  // Abbreviations and short tokens (`me`, `qa`, `x`) are structure far more often than data.
  return lower.length <= 2 && /^[a-z]+$/.test(lower);
}

import type { Config } from 'jest';

// Jest runs our TypeScript as native ESM (package.json "type": "module"), transformed by swc.
const transform: Config['transform'] = {
  '^.+\\.ts$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'es6' } },
  ],
};
// Portal components: TSX with React's automatic runtime, rendered in jsdom by Testing Library.
const componentTransform: Config['transform'] = {
  '^.+\\.tsx?$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', tsx: true },
        transform: { react: { runtime: 'automatic' } },
        target: 'es2023',
      },
      module: { type: 'es6' },
    },
  ],
};
const common: Config = {
  extensionsToTreatAsEsm: ['.ts'],
  transform,
  testEnvironment: 'node',
};

const config: Config = {
  // A project-level testTimeout is ignored by Jest; integration tests start real servers.
  testTimeout: 60_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      globalSetup: '<rootDir>/test/unit/global-setup.ts',
    },
    // `npm run test:unit` runs these too: no servers, a second or two.
    {
      ...common,
      displayName: 'components',
      extensionsToTreatAsEsm: ['.ts', '.tsx'],
      transform: componentTransform,
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/components/**/*.test.tsx'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/integration/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/global-teardown.ts',
      testTimeout: 60_000,
    },
    // The portal in real Chromium on `npm start` (test/e2e/local-stack.ts starts it).
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'], testTimeout: 120_000 },
  ],
};

export default config;

/**
 * The layer rules of linkedapi-mock (docs/development.md): folders form a one-way stack, and a lower layer never
 * imports a higher one.
 *
 *   core → contracts → world → scenarios → server → conformance | testing | pact → cli
 *
 * `npm run lint:deps` cruises src/ (every import, types included, parsed with swc) and the built dist/ (what
 * runs: `import type` is gone there, so the rules on dist/ speak of run-time imports only).
 */
const LAYERS = ['core', 'contracts', 'world', 'scenarios', 'server', 'conformance', 'testing', 'pact', 'cli'];

/** What each layer may not import (besides itself): every layer above it, and the named exceptions. */
const FORBIDDEN = {
  core: LAYERS.slice(1),
  contracts: LAYERS.slice(2),
  world: LAYERS.slice(3),
  scenarios: LAYERS.slice(4),
  server: ['conformance', 'testing', 'pact', 'cli'],
  conformance: ['world', 'scenarios', 'server', 'testing', 'pact', 'cli'],
  testing: ['conformance', 'pact', 'cli'],
  pact: ['conformance', 'testing', 'cli'],
};

const layerRules = Object.entries(FORBIDDEN).map(([layer, above]) => ({
  name: `layer-${layer}`,
  severity: 'error',
  comment:
    `src/${layer} may not import src/{${above.join(',')}}: the layers are ` +
    'core → contracts → world → scenarios → server → conformance | testing | pact → cli, and an import may only ' +
    'point to a layer on its left (conformance sees only core and contracts). Move the shared piece down to the ' +
    'lowest layer that needs it (a type often belongs in src/contracts, a helper in src/core), or pass it in.',
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${above.join('|')})/` },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'world-no-http',
      severity: 'error',
      comment:
        'src/world is the simulated service and knows nothing of HTTP: no hono, no node:http. The server (src/server) ' +
        'is the HTTP adapter over it; return data from the world and let the server render it.',
      from: { path: '^src/world/' },
      to: { path: '^(node_modules/(hono|@hono/[^/]+|undici)/|(node:)?(http|https|http2|net)$)' },
    },
    {
      name: 'world-no-runtime-contracts',
      severity: 'error',
      comment:
        'At run time the world uses only src/core: from src/contracts it takes types (`import type`), never values ' +
        '(zod schemas, catalogues). Move the value to src/core, or let the server translate.',
      from: { path: '^dist/world/' },
      to: { path: '^(dist/contracts/|node_modules/zod/)' },
    },
    {
      name: 'no-runtime-cycle',
      severity: 'error',
      comment:
        'A cycle of run-time imports between files: modules that load each other half-initialised. Break it by ' +
        'moving what both need into a third module, or by making one of the imports `import type`.',
      from: { path: '^dist/' },
      to: { circular: true },
    },
    {
      name: 'no-root-barrel-inside',
      severity: 'error',
      comment:
        'src/index.ts is the public entry; code inside src/ imports the module it needs, never the entry (a cycle ' +
        'waiting to happen).',
      from: { path: '^src/' },
      to: { path: '^src/index\\.ts$' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'This import cannot be resolved: a typo, a missing file or a dependency that is not installed.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    parser: 'swc',
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.test\\.ts$|\\.d\\.ts$|\\.map$)' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'node', 'default'] },
  },
};

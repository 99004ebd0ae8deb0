/**
 * The layers, kept by a tool (`npm run lint` runs this). See README "The tree" and
 * ../shared/docs/ARCHITECTURE.md. A file's process is in its name: `*.node.ts` runs only
 * under Node (it may use Node's modules, SQLite, Chromium, pino); any other file in core/ or
 * sync/ must also run in a browser or Electron's renderer.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import circles: a module and what it imports must not need each other.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'contract-imports-nothing-of-ours',
      severity: 'error',
      comment: 'core/contract is the lowest layer (the shared kernel): it imports nothing of ours outside itself.',
      from: { path: '^core/contract/' },
      to: { path: '^(core|db|sync|main|renderer|build|tests)/', pathNot: '^core/contract/' },
    },
    {
      name: 'db-does-not-import-core',
      severity: 'error',
      comment: 'db/ (SQLite storage) sits below the core services: it may use the contract, nothing else of core/.',
      from: { path: '^db/' },
      to: { path: '^core/', pathNot: '^core/contract/' },
    },
    {
      name: 'services-do-not-import-hosts',
      severity: 'error',
      comment: 'Services work for every host; hosts (web host, CLI, Electron main) are thin adapters over them, never the other way round.',
      from: { path: '^(core|sync|db)/', pathNot: ['^core/host/', '^core/cli', '\\.test\\.ts$'] },
      to: { path: ['^core/host/', '^core/cli', '^main/'] },
    },
    {
      name: 'composition-root-only-from-hosts',
      severity: 'error',
      comment: 'Only hosts (and tests, benchmarks) build the core; services receive what they need.',
      from: { path: '^(core|db|sync)/', pathNot: ['^core/host/', '^core/cli', '^core/core\\.node\\.ts$', '\\.test\\.ts$'] },
      to: { path: '^core/core\\.node\\.ts$' },
    },
    {
      name: 'renderer-only-through-the-contract',
      severity: 'error',
      comment: "The UI talks only to the contract's client (and its zod-free lists, events, results, the finder's questions and how results are arranged, how a receipt stands); types from the schemas are fine.",
      from: { path: '^renderer/src/', pathNot: '\\.test\\.ts$' },
      to: {
        path: '^(core|db|sync|main)/',
        pathNot: '^core/contract/(client|lists|events|result|channel|age|questionnaire|median-income|findings|receipt-state)\\.ts$|^core/contract/locales/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      comment: 'The UI runs in a browser: no Node modules.',
      from: { path: '^renderer/src/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'node-only-in-node-files',
      severity: 'error',
      comment: 'A file that uses Node (its modules, SQLite, Chromium, pino) says so in its name: *.node.ts.',
      from: { path: '^(core|sync)/', pathNot: ['\\.node\\.ts$', '\\.test\\.ts$'] },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'node-packages-in-node-files',
      severity: 'error',
      comment: 'SQLite, Chromium and the logger run under Node only: import them from *.node.ts files.',
      from: { path: '^(core|sync)/', pathNot: ['\\.node\\.ts$', '\\.test\\.ts$'] },
      to: { path: 'node_modules/(better-sqlite3|playwright-core|pino)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'node-files-only-from-node-files',
      severity: 'error',
      comment: 'A file that may run in a browser must not import a *.node.ts file.',
      from: { path: '^(core|sync)/', pathNot: ['\\.node\\.ts$', '\\.test\\.ts$'] },
      to: { path: '\\.node\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'hub-does-not-import-kiosk',
      severity: 'error',
      comment: 'The hub (sync/hub) is a server of its own: it never imports the kiosk side — the sync client, the hosts, the device catalogue service.',
      from: { path: '^sync/hub/' },
      to: { path: ['^sync/client/', '^core/host/', '^core/catalogue/service'] },
    },
    {
      name: 'kiosk-sync-does-not-import-hub',
      severity: 'error',
      comment: 'The kiosk\'s sync client talks to the hub over HTTP (or a USB bundle) only; it shares sync/protocol with it, never sync/hub code. (Tests may start a real hub.)',
      from: { path: '^sync/client/', pathNot: '\\.test\\.ts$' },
      to: { path: '^sync/hub/' },
    },
    {
      name: 'no-electron-outside-main',
      severity: 'error',
      comment: 'Only main/ (the Electron shell) may import Electron.',
      from: { pathNot: '^main/' },
      to: { path: 'node_modules/electron/' },
    },
    {
      name: 'electron-only-in-shell-glue',
      severity: 'error',
      comment: 'In main/, only the glue (*.main.ts, *.preload.ts) imports Electron: every decision is a pure file, tested without the Electron binary (types from Electron are fine).',
      from: { path: '^main/', pathNot: ['\\.main\\.ts$', '\\.preload\\.ts$'] },
      to: { path: 'node_modules/electron/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'preload-is-sandboxed',
      severity: 'error',
      comment: 'The preload and what it loads run in a sandboxed renderer: Electron and the environment-free contract only — no Node module, no *.node.ts file, nothing of db/, sync/ or the core services.',
      from: { path: '^main/(.+\\.preload|preload-channel|ipc-contract)\\.ts$' },
      to: { path: ['\\.node\\.ts$', '^(db|sync)/', '^core/(?!contract/)'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'preload-no-node',
      severity: 'error',
      comment: 'The preload runs sandboxed: no Node modules.',
      from: { path: '^main/(.+\\.preload|preload-channel|ipc-contract)\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // node_modules is not excluded (only not followed): a rule about a package (electron, better-sqlite3, pino …) needs the edge to it
    exclude: { path: '^(dist|build/embedded|bench-out|test-results|reports|\\.stryker-tmp)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

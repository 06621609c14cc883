/**
 * Installers for ClinicSync: `npx electron-builder --linux | --win | --mac` after `npm run build`.
 * electron-builder finds this file by its name and loads it itself; docs/packaging.md explains how to
 * build on a connected machine and what each fuse does. test/unit/packaging/electron-builder.test.ts
 * pins the fuses and the unpacked native module, so neither can regress silently.
 *
 * Kept free of imports so it loads without electron-builder installed (the test imports it too).
 */

/** The native SQLite driver (SQLCipher-compatible encryption). Only its .node binaries leave the asar. */
const NATIVE_MODULE = 'node_modules/better-sqlite3-multiple-ciphers';

const PREBUILD_PLATFORMS = ['linux', 'linuxmusl', 'darwin', 'win32'];

/**
 * The Node runtime that runs the CLI and the tests (package.json optionalDependencies, pinned with
 * their integrity in the lockfile; docs/security.md). The desktop app runs on Electron's own Node.
 */
const NODE_RUNTIME_PACKAGES = 'node_modules/node-{linux,win}-*/**';

/**
 * What goes into app.asar for one platform: the electron-vite build and package.json (its `main` is
 * out/main/index.js); electron-builder adds the production dependencies. The native module's C sources
 * stay behind, and so do the other platforms' prebuilt binaries (the package carries eight, ~20 MB).
 * Listed per platform because electron-builder's `${platform}` macro names the build host, not the
 * target, and a platform-level list of exclusions alone would re-include the whole project.
 */
function filesFor(...keep: string[]): string[] {
  return [
    'out/**/*',
    'package.json',
    `!${NATIVE_MODULE}/{deps,src}/**`,
    `!${NATIVE_MODULE}/binding.gyp`,
    `!${NODE_RUNTIME_PACKAGES}`,
    ...PREBUILD_PLATFORMS.filter((p) => !keep.includes(p)).map((p) => `!${NATIVE_MODULE}/prebuilds/${p}-*.node`),
  ];
}

const config = {
  appId: 'app.clinicsync.console',
  productName: 'ClinicSync',
  copyright: 'Copyright © ClinicSync',
  directories: { output: 'dist', buildResources: 'resources' },
  // No top-level `files`: each platform below lists its own (see filesFor).
  // The tray icons are loaded from process.resourcesPath/tray (electron/main/index.ts).
  extraResources: [{ from: 'resources/tray', to: 'tray', filter: ['*.png'] }],

  // The app loads only from app.asar (see the onlyLoadAppFromAsar fuse). A native addon cannot be
  // dlopen()ed from inside an archive, so the SQLite binaries are unpacked beside it
  // (resources/app.asar.unpacked/…); Electron redirects the require() there. Only the .node files,
  // not the package's JavaScript: unpacked files fall outside the asar integrity check, so smartUnpack
  // (which would unpack the whole package because it holds a .node file) is off.
  asar: { smartUnpack: false },
  asarUnpack: [`${NATIVE_MODULE}/prebuilds/*.node`],

  // better-sqlite3-multiple-ciphers 13 ships N-API prebuilds for every target: the same binary loads in
  // Node 24 and in Electron 45, so nothing is recompiled (and no compiler is needed) when packaging.
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,

  // Flipped in the Electron binary after packing and before signing, so code signing seals them.
  electronFuses: {
    // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node.js interpreter.
    runAsNode: false,
    // Chromium's cookie store encrypted with the OS keychain (one-way; the app keeps no cookies today).
    enableCookieEncryption: true,
    // NODE_OPTIONS (e.g. --require evil.js) could inject code into the main process.
    enableNodeOptionsEnvironmentVariable: false,
    // --inspect / --inspect-brk would let anyone who can start the app attach a debugger to it.
    enableNodeCliInspectArguments: false,
    // macOS and Windows check app.asar against the hash embedded at build time.
    enableEmbeddedAsarIntegrityValidation: true,
    // Electron ignores a loose `app` folder placed next to app.asar.
    onlyLoadAppFromAsar: true,
    // No separate browser-process V8 snapshot is shipped.
    loadBrowserProcessSpecificV8Snapshot: false,
    // The console is served from app://, never file://: file pages get no extra privileges.
    grantFileProtocolExtraPrivileges: false,
  },

  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    // Not `clinicsync`: that name belongs to the command-line tool (npx clinicsync), which a deb's
    // /usr/bin link would otherwise shadow with the desktop app.
    executableName: 'clinicsync-desktop',
    synopsis: 'Keeps a local, encrypted cache of clinic patients and appointments in sync',
    files: filesFor('linux', 'linuxmusl'),
  },
  deb: {
    // Electron's own runtime needs, plus libsecret for safeStorage on GNOME/KDE keyrings.
    depends: ['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0'],
  },
  appImage: { artifactName: '${productName}-${version}-${arch}.${ext}' },

  win: {
    target: [{ target: 'nsis', arch: ['x64', 'arm64'] }],
    files: filesFor('win32'),
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    // The cache holds health data: uninstalling leaves it for the user to remove deliberately.
    deleteAppDataOnUninstall: false,
    artifactName: '${productName}-Setup-${version}.${ext}',
  },

  mac: {
    target: [{ target: 'dmg', arch: ['x64', 'arm64'] }],
    category: 'public.app-category.medical',
    hardenedRuntime: true,
    files: filesFor('darwin'),
  },
  dmg: { artifactName: '${productName}-${version}-${arch}.${ext}' },
};

export default config;

// Build the widget bundle reproducibly (./dev widgets-bundle): esbuild from the locked node_modules,
// then every file named by a hash of its bytes, a manifest (widgets.json) that essaykit reads to
// find them, and the third-party licences of everything bundled.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const OUT = path.resolve('../share/jupyter/essaykit/widgets');
const TMP = path.resolve('build');

// Browsers that render MathML Core read woff2; the older formats Font Awesome lists are dead weight.
const woff2Only = {
  name: 'woff2-only',
  setup(build) {
    build.onLoad({ filter: /fontawesome-free[\\/]css[\\/].*\.css$/ }, async (args) => {
      const css = await fs.promises.readFile(args.path, 'utf8');
      // Each `src:` list keeps its woff2 entry; a list without one (the IE-only .eot line) goes.
      const kept = css.replace(/src:[^;}]*;?/g, (rule) => {
        const woff2 = rule.match(/url\([^)]*\.woff2["']?\)\s*format\(["']woff2["']\)/);
        return woff2 ? `src: ${woff2[0]};` : '';
      });
      return { contents: kept, loader: 'css' };
    });
  },
};

// ipywidgets 7 state (controls 1.5) is drawn on the server only; the bundle serves ipywidgets 8.
const noIpywidgets7 = {
  name: 'no-ipywidgets-7',
  setup(build) {
    build.onResolve({ filter: /^@jupyter-widgets\/(base7|controls7)(\/|$)/ }, (args) => ({
      path: args.path, namespace: 'ipywidgets7',
    }));
    build.onLoad({ filter: /.*/, namespace: 'ipywidgets7' }, (args) => ({
      contents: args.path.endsWith('.css') ? '' :
        `throw new Error("ipywidgets 7 widget state is not supported by essaykit's bundle; re-run the notebook with ipywidgets 8");`,
      loader: args.path.endsWith('.css') ? 'css' : 'js',
    }));
  },
};

// The stylesheets ipywidgets' modules require from their JavaScript are built once, as
// controls.css; the script itself carries no CSS.
const cssFromScripts = {
  name: 'css-from-scripts',
  setup(build) {
    build.onResolve({ filter: /\.css$/ }, (args) =>
      args.kind === 'require-call' || args.kind === 'import-statement' ? { path: args.path, namespace: 'no-css' } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'no-css' }, () => ({ contents: '', loader: 'js' }));
  },
};

// anywidget publishes its front end as one AMD module, `define(["@jupyter-widgets/base"], factory)`
// (the file its Python package ships as nbextension/index.js); the factory, given ipywidgets' base,
// returns AnyModel and AnyView. Here it is an ES module exporting that factory, so the manager can
// call it with the bundled base (no AMD loader on the page).
const anywidgetFactory = {
  name: 'anywidget-factory',
  setup(build) {
    build.onLoad({ filter: /node_modules[\\/]anywidget[\\/]dist[\\/]index\.js$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      const amd = /define\(\s*\[\s*["']@jupyter-widgets\/base["']\s*\]\s*,\s*([\w$]+)\s*\);?\s*$/;
      const found = source.match(amd);
      if (!found) {
        throw new Error(`${args.path} no longer ends with anywidget's define([...], factory): update this plugin`);
      }
      return { contents: source.replace(amd, `export default ${found[1]};\n`), loader: 'js' };
    });
  },
};

fs.rmSync(TMP, { recursive: true, force: true });
const result = await esbuild.build({
  entryPoints: { widgets: 'src/index.js', controls: 'src/controls.css', icons: 'src/icons.css' },
  bundle: true,
  minify: true,
  format: 'iife',
  globalName: 'essaykitWidgets',
  target: ['chrome109', 'firefox115', 'safari16'],
  outdir: TMP,
  assetNames: '[name]',
  loader: { '.woff2': 'file', '.woff': 'file', '.ttf': 'file', '.eot': 'file', '.svg': 'file' },
  define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  plugins: [cssFromScripts, woff2Only, noIpywidgets7, anywidgetFactory],
});

// The sources the bundle is built from, hashed as tests/html/test_widget_bundle.py recomputes
// them: a change to them without a rebuild fails the tests.
function sourceHash() {
  const files = ['build.mjs', 'package-lock.json', 'package.json',
    ...fs.readdirSync('src').sort().map((n) => `src/${n}`)];
  const digest = createHash('sha256');
  for (const file of files) {
    digest.update(`${file}\0`);
    digest.update(Buffer.concat([fs.readFileSync(file), Buffer.from('\0')]));
  }
  return digest.digest('hex');
}

const hash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 20);
fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(OUT, { recursive: true });
const manifest = { js: '', controls: '', icons: '', fonts: {}, source_sha256: sourceHash() };
let icons = fs.readFileSync(path.join(TMP, 'icons.css'), 'utf8');
for (const name of fs.readdirSync(TMP).filter((n) => n.endsWith('.woff2')).sort()) {
  const bytes = fs.readFileSync(path.join(TMP, name));
  const hashed = name.replace(/\.woff2$/, `.${hash(bytes)}.woff2`);
  fs.writeFileSync(path.join(OUT, hashed), bytes);
  icons = icons.split(`./${name}`).join(`./${hashed}`);
  manifest.fonts[name] = hashed;
}
const leftovers = fs.readdirSync(TMP).filter((n) => !/^(widgets\.js|controls\.css|icons\.css|.*\.woff2)$/.test(n));
if (leftovers.length) {
  throw new Error(`unexpected build outputs: ${leftovers.join(', ')}`);
}
const built = {
  js: ['widgets', 'js', fs.readFileSync(path.join(TMP, 'widgets.js'))],
  controls: ['controls', 'css', fs.readFileSync(path.join(TMP, 'controls.css'))],
  icons: ['icons', 'css', Buffer.from(icons)],
};
for (const [key, [stem, ext, bytes]] of Object.entries(built)) {
  const name = `${stem}.${hash(bytes)}.${ext}`;
  fs.writeFileSync(path.join(OUT, name), bytes);
  manifest[key] = name;
}
fs.writeFileSync(path.join(OUT, 'widgets.json'), JSON.stringify(manifest, null, 2) + '\n');

// The licences of every package that put bytes in the bundle.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g);
  if (!m || input.includes(":")) continue;
  const dir = input.slice(0, input.lastIndexOf(m[m.length - 1]) + m[m.length - 1].length);
  packages.set(dir, true);
}
const notices = [];
for (const dir of [...packages.keys()].sort()) {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const file = fs.readdirSync(dir).find((n) => /^(licen[sc]e|copying)(\.|$)/i.test(n));
  const author = typeof pkg.author === 'object' ? pkg.author.name : pkg.author;
  const text = file ? fs.readFileSync(path.join(dir, file), 'utf8').trim() :
    `The package ships no licence file; its package.json gives the licence ${pkg.license}` +
    `${author ? `, the author ${author}` : ''}${pkg.homepage ? ` and the home page ${pkg.homepage}` : ''}.`;
  notices.push(`${pkg.name} ${pkg.version} (${pkg.license})\n${'-'.repeat(60)}\n${text}\n`);
}
fs.writeFileSync(path.join(OUT, 'THIRD-PARTY-LICENSES.txt'),
  `Third-party software in essaykit's widget bundle (${manifest.js}, ${manifest.controls}, ${manifest.icons} and its fonts):\n\n` + notices.join('\n'));
fs.rmSync(TMP, { recursive: true, force: true });

for (const name of [manifest.js, manifest.controls, manifest.icons, ...Object.values(manifest.fonts)]) {
  const bytes = fs.readFileSync(path.join(OUT, name));
  const gz = zlib.gzipSync(bytes, { level: 9 }).length;
  console.log(`${name}\t${bytes.length} bytes\t${gz} gzip`);
}

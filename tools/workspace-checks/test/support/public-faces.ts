import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** The workspace root. */
export const ROOT = resolve(__dirname, '../../../..');

/** One public entry point of a workspace project: what `import ... from '<specifier>'` reaches. */
export interface PublicFace {
  /** The import specifier, e.g. "@evalkit/bench" or "@evalkit/bench/statistics". */
  specifier: string;
  /** The project's folder, relative to the root (its own files never count as users). */
  project: string;
  /** The entry file, relative to the root. */
  file: string;
  /** Every name the entry file exports, with `export *` followed into the files it names. */
  exports: string[];
}

/** Folders that are never sources (installed packages, build and run outputs). */
const SKIP = new Set(['node_modules', 'dist', 'reports', '.git', '.nx', 'coverage']);

/** Every TypeScript file below `dir` (tests, scripts and sources alike). */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|mts|cts)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
}

/** The file a relative module specifier names (`./x` as x.ts or x/index.ts). */
function resolveRelative(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  throw new Error(`${relative(ROOT, from)}: cannot find the module ${specifier}`);
}

function hasExportModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** The names a module exports: its exported declarations, its export lists, and what its `export *` files export. */
export function exportedNames(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const names: string[] = [];
  for (const statement of parse(file).statements) {
    if (ts.isExportDeclaration(statement)) {
      if (statement.exportClause && ts.isNamedExports(statement.exportClause)) names.push(...statement.exportClause.elements.map((e) => e.name.text));
      else if (!statement.exportClause && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
        names.push(...exportedNames(resolveRelative(file, statement.moduleSpecifier.text), seen));
      }
    } else if (hasExportModifier(statement)) {
      if (ts.isVariableStatement(statement)) {
        for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
      } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
        names.push(statement.name.text);
      }
    }
  }
  return [...new Set(names)];
}

/** Every workspace project's public entry points, from its package.json (`exports`, else `main`). */
export function publicFaces(): PublicFace[] {
  const faces: PublicFace[] = [];
  for (const group of ['packages', 'apps', 'tools']) {
    for (const name of readdirSync(join(ROOT, group))) {
      const project = join(group, name);
      const manifestPath = join(ROOT, project, 'package.json');
      if (!existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { name: string; main?: string; exports?: Record<string, string> };
      const entries = manifest.exports ?? (manifest.main ? { '.': manifest.main } : {});
      for (const [subpath, target] of Object.entries(entries)) {
        const file = join(ROOT, project, target);
        if (!file.endsWith('.ts') || !existsSync(file)) continue;
        faces.push({ specifier: subpath === '.' ? manifest.name : `${manifest.name}/${subpath.replace(/^\.\//, '')}`, project, file: relative(ROOT, file), exports: exportedNames(file) });
      }
    }
  }
  return faces;
}

/** The names each import specifier is used for, by files outside the specifier's own project. */
export function namesImportedFromOutside(faces: readonly PublicFace[]): Map<string, Set<string>> {
  const used = new Map<string, Set<string>>(faces.map((f) => [f.specifier, new Set<string>()]));
  const projectOf = new Map(faces.map((f) => [f.specifier, f.project]));
  for (const group of ['packages', 'apps', 'tools']) {
    for (const file of sourceFiles(join(ROOT, group))) {
      const rel = relative(ROOT, file);
      const source = parse(file);
      const record = (specifier: string, names: readonly string[]) => {
        const project = projectOf.get(specifier);
        if (project === undefined || rel.startsWith(`${project}/`)) return;
        for (const n of names) used.get(specifier)!.add(n);
      };
      const visit = (node: ts.Node): void => {
        if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
          const specifier = node.moduleSpecifier.text;
          if (ts.isImportDeclaration(node)) {
            const bindings = node.importClause?.namedBindings;
            if (bindings && ts.isNamedImports(bindings)) record(specifier, bindings.elements.map((e) => (e.propertyName ?? e.name).text));
            // A namespace import uses every name it is dotted with.
            if (bindings && ts.isNamespaceImport(bindings)) {
              const ns = bindings.name.text;
              record(specifier, [...source.text.matchAll(new RegExp(`\\b${ns}\\.(\\w+)`, 'g'))].map((m) => m[1]));
            }
          } else if (node.exportClause && ts.isNamedExports(node.exportClause)) {
            record(specifier, node.exportClause.elements.map((e) => (e.propertyName ?? e.name).text));
          }
        }
        // `const { a, b } = await import('@evalkit/x')`
        if (ts.isVariableDeclaration(node) && node.initializer && ts.isObjectBindingPattern(node.name)) {
          let init: ts.Expression = node.initializer;
          if (ts.isAwaitExpression(init)) init = init.expression;
          if (ts.isCallExpression(init) && init.expression.kind === ts.SyntaxKind.ImportKeyword && init.arguments[0] && ts.isStringLiteral(init.arguments[0])) {
            record(init.arguments[0].text, node.name.elements.map((e) => ((e.propertyName && ts.isIdentifier(e.propertyName) ? e.propertyName : e.name) as ts.Identifier).text));
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return used;
}

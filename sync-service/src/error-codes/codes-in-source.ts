import path from 'node:path';
import ts from 'typescript';
import { catalogue, type ErrorCode } from './catalogue.js';

/**
 * For the catalogue's tests only: the codes the source can answer with, read by the compiler from
 * the calls that make an error (`refuse`, `entryOf`, `notFound`, `requiredText`, `oneOf`, `new
 * AppError`, `super` in its subclasses), a code argument's type giving every code a template can
 * build (`${subject}.not_found`). A call that passes on a caught error's own code (its type: every
 * code) adds none.
 */
export interface SourceCodes {
  /** Every code some call of the source makes. */
  readonly used: ReadonlySet<ErrorCode>;
  /** `file:line` of each `new AppError` or `super` given messages written there rather than a catalogue's or another error's. */
  readonly writtenMessages: readonly string[];
  /** The codes a route's handler can reach, by operationId: what the functions it calls make, and those they call. */
  readonly byRoute: ReadonlyMap<string, ReadonlySet<ErrorCode>>;
}

const source = path.resolve(import.meta.dirname, '..');
const makers: Readonly<Record<string, number>> = { refuse: 0, entryOf: 0, requiredText: 2, oneOf: 3 };
const known = new Set<string>(Object.keys(catalogue));
// The makers' own bodies build every code their argument's type allows; their calls say which.
const makesCodes = (name: string): boolean => name in makers || name === 'notFound';

export function codesInSource(): SourceCodes {
  const files = ts.sys.readDirectory(source, ['.ts']).filter((file) => !file.endsWith('.test.ts'));
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const inSource = (node: ts.Node): boolean => {
    const file = node.getSourceFile().fileName;
    return file.startsWith(source) && !file.endsWith('.test.ts');
  };

  const codesOf = (argument: ts.Expression | undefined): ErrorCode[] => {
    if (!argument || (ts.isPropertyAccessExpression(argument) && argument.name.text === 'code')) return []; // a caught error's own code
    const type = checker.getTypeAtLocation(argument);
    return (type.isUnion() ? type.types : [type]).flatMap((part) => (part.isStringLiteral() && known.has(part.value) ? [part.value as ErrorCode] : []));
  };

  const made = (node: ts.Node): ErrorCode[] => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword) return codesOf(node.arguments[0]);
    if (ts.isNewExpression(node) && node.expression.getText() === 'AppError') return codesOf(node.arguments?.[0]);
    if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression)) return [];
    const name = node.expression.text;
    if (name === 'notFound' && node.arguments[0]) return subjects(checker.getTypeAtLocation(node.arguments[0]));
    const at = makers[name];
    return at === undefined ? [] : codesOf(node.arguments[at]);
  };
  const subjects = (type: ts.Type): ErrorCode[] =>
    (type.isUnion() ? type.types : [type]).flatMap((part) =>
      part.isStringLiteral() && known.has(`${part.value}.not_found`) ? [`${part.value}.not_found` as ErrorCode] : [],
    );

  const used = new Set<ErrorCode>();
  const writtenMessages: string[] = [];
  const writes = (node: ts.Node): boolean => {
    const isMaker =
      (ts.isNewExpression(node) && node.expression.getText() === 'AppError') ||
      (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword && node.arguments.length >= 3);
    const messages = isMaker ? (node as ts.CallExpression).arguments[2] : undefined;
    return messages !== undefined && ts.isObjectLiteralExpression(messages) && !messages.getText().includes('.messages.');
  };
  const routes: Array<{ operationId: string; handle: ts.Node }> = [];
  for (const file of program.getSourceFiles().filter(inSource)) {
    const visit = (node: ts.Node): void => {
      for (const code of made(node)) used.add(code);
      if (writes(node)) writtenMessages.push(`${path.relative(source, file.fileName)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
      if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'route' &&
        node.arguments[0] &&
        ts.isObjectLiteralExpression(node.arguments[0])
      ) {
        const property = (name: string) =>
          node.arguments[0] && ts.isObjectLiteralExpression(node.arguments[0])
            ? node.arguments[0].properties.find((p) => p.name?.getText() === name)
            : undefined;
        const id = property('operationId');
        const handle = property('handle');
        if (id && ts.isPropertyAssignment(id) && ts.isStringLiteralLike(id.initializer) && handle) routes.push({ operationId: id.initializer.text, handle });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }

  /** The codes a piece of code makes, itself or through the functions of the source it names, each read once. */
  const reach = (start: ts.Node): Set<ErrorCode> => {
    const codes = new Set<ErrorCode>();
    const seen = new Set<ts.Node>();
    const pending: ts.Node[] = [start];
    while (pending.length > 0) {
      const node = pending.pop()!;
      if (seen.has(node)) continue;
      seen.add(node);
      const walk = (inner: ts.Node): void => {
        for (const code of made(inner)) codes.add(code);
        if (ts.isIdentifier(inner) && !ts.isTypeNode(inner.parent)) {
          let symbol = checker.getSymbolAtLocation(inner);
          if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
          for (const declaration of symbol?.declarations ?? [])
            if (callable(declaration) && inSource(declaration) && !seen.has(declaration) && !makesCodes(inner.text)) pending.push(declaration);
        }
        ts.forEachChild(inner, walk);
      };
      walk(node);
    }
    return codes;
  };
  return { used, writtenMessages, byRoute: new Map(routes.map((route) => [route.operationId, reach(route.handle)])) };
}

/** What the walk follows: functions, and the constants that hold one (commands, rules). */
function callable(declaration: ts.Declaration): boolean {
  if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration) || ts.isClassDeclaration(declaration)) return true;
  return (
    ts.isVariableDeclaration(declaration) &&
    declaration.initializer !== undefined &&
    !ts.isObjectLiteralExpression(declaration.initializer) &&
    !ts.isArrayLiteralExpression(declaration.initializer)
  );
}

// A build plugin that keeps a one-file package as tree-shakeable as the
// dozens of modules it was made from. Each package says `"sideEffects":
// false`: a bundler may drop any of its modules whose exports go unused,
// schemas and constant tables included. Bundled into one file, those modules'
// top-level `const X = z.object(…)` or `Object.freeze(…)` would stay in every
// user's bundle, since a bundler must assume a call has effects. This marks
// each call and `new` that a top-level declaration's initialiser runs as
// `/* @__PURE__ */`, the annotation bundlers read: what `sideEffects: false`
// promised per module, said per declaration. Statements that are not
// declarations, and code inside functions and classes, are left alone.
import MagicString from 'magic-string'
import type { Plugin } from 'tsdown'

interface Node {
  type: string
  start: number
  end: number
  [key: string]: unknown
}

const PURE = '/* @__PURE__ */ '
const ANNOTATED = /\/\*\s*[@#]__PURE__\s*\*\/\s*$/
// Code inside these runs later (or per instance), not when the module loads.
const DEFERRED = new Set(['FunctionExpression', 'ArrowFunctionExpression', 'ClassExpression'])

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string'
}

/** Every call and `new` that evaluating `node` runs, outside deferred code. */
function* callsIn(node: Node): Generator<Node> {
  if (DEFERRED.has(node.type)) return
  if (node.type === 'CallExpression' || node.type === 'NewExpression') yield node
  for (const value of Object.values(node)) {
    for (const child of Array.isArray(value) ? value : [value]) {
      if (isNode(child)) yield* callsIn(child)
    }
  }
}

function* topLevelInitialisers(program: Node): Generator<Node> {
  for (const statement of program.body as Node[]) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? (statement.declaration as Node | null) : statement
    if (declaration?.type !== 'VariableDeclaration') continue
    for (const declarator of declaration.declarations as Node[]) {
      if (isNode(declarator.init)) yield declarator.init
    }
  }
}

/** Marks top-level initialisers' calls pure in every emitted chunk. */
export function markTopLevelCallsPure(): Plugin {
  return {
    name: 'taskbridge:mark-top-level-calls-pure',
    renderChunk(code, chunk) {
      // Declaration chunks (`.d.ts`) are types, not code.
      if (chunk.fileName.endsWith('.d.ts')) return null
      const program = this.parse(code) as unknown as Node
      const source = new MagicString(code)
      for (const init of topLevelInitialisers(program)) {
        for (const call of callsIn(init)) {
          if (!ANNOTATED.test(code.slice(Math.max(0, call.start - 32), call.start))) {
            source.appendLeft(call.start, PURE)
          }
        }
      }
      if (!source.hasChanged()) return null
      return { code: source.toString(), map: source.generateMap({ hires: true }) }
    },
  }
}

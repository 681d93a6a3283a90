// The published packages, read from their package.json files when the site is
// built: what Installation lists cannot name a package that does not exist,
// nor miss one that does.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface PublishedPackage {
  name: string
  description: string
  /** The repository folder, `packages/core` or `apps/cli`. */
  folder: string
  node: string
  /** The other taskbridge packages it depends on (installed with it, but import only what you list yourself). */
  taskbridgeDependencies: string[]
  /** Peers it needs you to install beside it; optional ones are marked. */
  peers: string[]
  bin: string[]
}

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url))

interface Manifest {
  name: string
  private?: boolean
  description?: string
  engines?: { node?: string }
  dependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  peerDependenciesMeta?: Record<string, { optional?: boolean }>
  bin?: Record<string, string>
}

export function publishedPackages(): PublishedPackage[] {
  return ['packages', 'apps']
    .flatMap((parent) => readdirSync(join(repositoryRoot, parent)).map((name) => `${parent}/${name}`))
    .filter((folder) => existsSync(join(repositoryRoot, folder, 'package.json')))
    .map((folder) => ({
      folder,
      manifest: JSON.parse(readFileSync(join(repositoryRoot, folder, 'package.json'), 'utf8')) as Manifest,
    }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ folder, manifest }) => ({
      name: manifest.name,
      description: manifest.description ?? '',
      folder,
      node: manifest.engines?.node ?? 'any',
      taskbridgeDependencies: Object.keys(manifest.dependencies ?? {}).filter((name) =>
        name.startsWith('@taskbridge/'),
      ),
      peers: Object.keys(manifest.peerDependencies ?? {}).map((name) =>
        manifest.peerDependenciesMeta?.[name]?.optional ? `${name} (optional)` : name,
      ),
      bin: Object.keys(manifest.bin ?? {}),
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

export default { load: publishedPackages }

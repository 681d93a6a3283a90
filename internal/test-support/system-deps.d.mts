/** A system package a suite needs. */
export interface SystemPackage {
  readonly binary: string
  readonly debian: string
  readonly usedBy: string
}
export type SystemPackageName = 'chromium' | 'redis-server'
export declare const SYSTEM_PACKAGES: Readonly<Record<SystemPackageName, SystemPackage>>
export declare const INSTALL_STEP: string
export declare function missingPackages(
  names?: readonly SystemPackageName[],
  exists?: (path: string) => boolean,
): SystemPackageName[]
export declare function requireSystemBinary(name: SystemPackageName, exists?: (path: string) => boolean): string
export declare function aptUnavailableReason(uid?: number, hasAptGet?: boolean): string | undefined
export declare function ensureSystemPackages(
  names?: readonly SystemPackageName[],
  log?: (text: string) => void,
): SystemPackageName[]

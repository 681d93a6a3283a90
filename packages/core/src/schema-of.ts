import type * as z from 'zod/mini'

/**
 * `true` when `A` and `B` are the same type: the same fields, each as
 * optional and as wide in both (the identity test type-level test libraries use).
 */
export type IsSameType<A, B> = (<V>() => V extends A ? 1 : 2) extends <V>() => V extends B ? 1 : 2 ? true : false

/** What a schema whose output is not exactly the type is checked against instead, so the compiler shows both. */
export interface SchemaOutputDiffers<Output, Type> {
  'the schema output differs from the type': { output: Output; type: Type }
}

/**
 * Types a zod schema as the schema of `Type`, without a cast: the call
 * compiles only when what the schema outputs is exactly `Type`. A field the
 * type has and the schema lacks (parsing would drop it), or one the schema
 * makes optional where the type requires it, fails the type check here
 * rather than losing data at run time.
 *
 * @example
 * ```ts
 * const PointSchema: z.ZodMiniType<Point, unknown> = schemaOf<Point>()(z.object({ x: z.number(), y: z.number() }))
 * ```
 */
export function schemaOf<Type>(): <Schema extends z.ZodMiniType<Type, unknown>>(
  schema: Schema &
    (IsSameType<z.output<Schema>, Type> extends true ? unknown : SchemaOutputDiffers<z.output<Schema>, Type>),
) => z.ZodMiniType<Type, unknown> {
  return (schema) => schema
}

// Names that left the A2A adapter's documented surface: how it picks an
// interface from the agent card, which credentials it sends, and what each
// binding sends, all decided inside `createA2AAdapter`. They keep working
// until 2.0, so code written against 0.x or 1.0-rc still compiles.
import type * as binding from './binding.js'
import * as card from './card.js'
import * as map from './map.js'
import * as request from './request.js'

/**
 * One page of `ListTasks`, as a binding asks for it.
 *
 * @deprecated internal, will be removed in 2.0: `listTasks` takes an `A2AListQuery`.
 */
export type ListPageQuery = binding.ListPageQuery

/**
 * More of `SendMessage` than the text.
 *
 * @deprecated Use `Omit<A2AStartInput, 'text'>`; this name will be removed in 2.0.
 */
export type SendExtras = binding.SendExtras

/**
 * Every interface of an agent card the adapter can speak, in the card's order.
 *
 * @deprecated internal, will be removed in 2.0: choose with the adapter's `binding` and `protocolVersion` options.
 */
export const interfacesOf: typeof card.interfacesOf = card.interfacesOf

/**
 * The card's interface that matches a preference.
 *
 * @deprecated internal, will be removed in 2.0: choose with the adapter's `binding` and `protocolVersion` options.
 */
export const selectInterface: typeof card.selectInterface = card.selectInterface

/**
 * What `selectInterface` is asked for.
 *
 * @deprecated internal, will be removed in 2.0: the adapter's `binding` and `protocolVersion` options.
 */
export type InterfacePreference = card.InterfacePreference

/**
 * One way to reach the agent, as the card names it.
 *
 * @deprecated internal, will be removed in 2.0.
 */
export type A2AInterface = card.A2AInterface

/**
 * The credentials the card's security schemes ask for that the adapter can send.
 *
 * @deprecated internal, will be removed in 2.0: the adapter sends `apiKey` or `token` as the card asks.
 */
export const credentialSchemesOf: typeof card.credentialSchemesOf = card.credentialSchemesOf

/**
 * A credential the card asks for, in the form the adapter can send.
 *
 * @deprecated internal, will be removed in 2.0.
 */
export type A2ACredentialScheme = card.A2ACredentialScheme

/**
 * The version a task payload speaks.
 *
 * @deprecated internal, will be removed in 2.0: a parsed task says it in `metadata.protocolVersion`.
 */
export const protocolVersionOf: typeof map.protocolVersionOf = map.protocolVersionOf

/**
 * The parts of the user message that answers a waiting task.
 *
 * @deprecated internal, will be removed in 2.0: `answerTask` sends them.
 */
export const a2aAnswerParts: typeof request.a2aAnswerParts = request.a2aAnswerParts

/**
 * What `a2aAnswerParts` returns.
 *
 * @deprecated internal, will be removed in 2.0.
 */
export type A2AAnswerParts = request.A2AAnswerParts

/**
 * What an `input-required` or `auth-required` task asks.
 *
 * @deprecated internal, will be removed in 2.0: read the parsed task's `request`.
 */
export const a2aRequestOf: typeof request.a2aRequestOf = request.a2aRequestOf

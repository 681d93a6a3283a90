// Names that left the Wexa adapter's documented surface: how `answerTask`
// finds the execution that waits and what it sends to Wexa's inbox, and how
// the parser fills `request`. They keep working until 2.0, so code written
// against 0.x or 1.0-rc still compiles.
import * as answer from './answer.js'

/**
 * The Wexa status of a run that waits for a person's input.
 *
 * @deprecated internal, will be removed in 2.0: a waiting task's `status` is `waiting_for_input`.
 */
export const WEXA_INPUT_REQUIRED: typeof answer.WEXA_INPUT_REQUIRED = answer.WEXA_INPUT_REQUIRED

/**
 * Why an answer cannot be sent to Wexa's inbox, or `undefined` when it can.
 *
 * @deprecated internal, will be removed in 2.0: `answerTask` checks its answer before sending.
 */
export const validateWexaAnswer: typeof answer.validateWexaAnswer = answer.validateWexaAnswer

/**
 * Whether a Wexa task (or one of its executions) waits for a person's input.
 *
 * @deprecated internal, will be removed in 2.0: read the parsed task's `status` (`waiting_for_input`).
 */
export const isWexaTaskWaiting: typeof answer.isWexaTaskWaiting = answer.isWexaTaskWaiting

/**
 * What a waiting Wexa task asks.
 *
 * @deprecated internal, will be removed in 2.0: read the parsed task's `request`.
 */
export const wexaRequestOf: typeof answer.wexaRequestOf = answer.wexaRequestOf

/**
 * The execution an answer goes to.
 *
 * @deprecated internal, will be removed in 2.0: `answerTask` picks it.
 */
export const answeredExecution: typeof answer.answeredExecution = answer.answeredExecution

/**
 * The body of each inbox answer route.
 *
 * @deprecated internal, will be removed in 2.0: `answerTask` sends it.
 */
export const wexaInboxBody: typeof answer.wexaInboxBody = answer.wexaInboxBody

// Names that left the Orkes adapter's documented surface: how the parser
// decides that a HUMAN or WAIT task waits for a person, and what `answerTask`
// completes it with. They keep working until 2.0, so code written against
// 0.x or 1.0-rc still compiles.
import * as waits from './waits.js'

/**
 * Why a Conductor task waits for a person, and what it asks.
 *
 * @deprecated internal, will be removed in 2.0: read the parsed task's `reason` and `request`.
 */
export const orkesWaitOf: typeof waits.orkesWaitOf = waits.orkesWaitOf

/**
 * The fields of a Conductor task that say whether it waits for a person.
 *
 * @deprecated internal, will be removed in 2.0.
 */
export type OrkesWaitFields = waits.OrkesWaitFields

/**
 * The output a waiting task completes with.
 *
 * @deprecated internal, will be removed in 2.0: `answerTask` sends it.
 */
export const orkesAnswerOutput: typeof waits.orkesAnswerOutput = waits.orkesAnswerOutput

export {
  type ChangeVerdict,
  compareTaskStates,
  isChange,
  isStale,
  summaryKey,
  type TaskSnapshot,
  taskSnapshot,
} from './change.js'
export {
  FOLLOW_DEFAULTS,
  type FollowOptions,
  MAX_TIMER_MS,
  type ResolvedFollowOptions,
  resolveFollowOptions,
} from './options.js'
export {
  type FollowMode,
  type FollowState,
  type FollowStep,
  MAX_IDLE_STREAMS,
  type NextStepOptions,
  nextStep,
  type ReadOutcome,
  startFollowing,
} from './step.js'

import { describe, expect, it } from 'vitest'
import { isActive, isSuccessful, isTaskStatus, isTerminal, TASK_STATUSES, TaskStatus } from '../src/index.js'

describe('TaskStatus', () => {
  it('lists the ten normalised statuses', () => {
    expect(TASK_STATUSES).toEqual([
      'pending',
      'running',
      'paused',
      'waiting_for_input',
      'completed',
      'failed',
      'cancelled',
      'timed_out',
      'skipped',
      'unknown',
    ])
  })

  it.each([
    ['pending', false, true, false],
    ['running', false, true, false],
    ['paused', false, true, false],
    ['waiting_for_input', false, true, false],
    ['completed', true, false, true],
    ['failed', true, false, false],
    ['cancelled', true, false, false],
    ['timed_out', true, false, false],
    ['skipped', true, false, true],
    ['unknown', false, false, false],
  ] as const)('%s: terminal %s, active %s, successful %s', (status, terminal, active, successful) => {
    expect(isTerminal(status)).toBe(terminal)
    expect(isActive(status)).toBe(active)
    expect(isSuccessful(status)).toBe(successful)
  })

  it('recognises its own values only', () => {
    expect(isTaskStatus(TaskStatus.WaitingForInput)).toBe(true)
    expect(isTaskStatus('RUNNING')).toBe(false)
    expect(isTaskStatus(undefined)).toBe(false)
  })
})

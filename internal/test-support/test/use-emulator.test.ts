import { describe, expect, it } from 'vitest'
import { useEmulator } from '../src/use-emulator.ts'

const calls: string[] = []
let handed: object | undefined
const fake = { reset: () => void calls.push('reset'), close: async () => void calls.push('close') }

describe('useEmulator', () => {
  useEmulator(
    async () => {
      calls.push('start')
      return fake
    },
    (emulator) => {
      handed = emulator
    },
  )

  it('starts the emulator before the first test and hands it over', () => {
    expect(calls).toEqual(['start'])
    expect(handed).toBe(fake)
  })

  it('resets it after each test', () => {
    expect(calls).toEqual(['start', 'reset'])
  })
})

describe('after the file’s tests', () => {
  it('it was closed', () => {
    expect(calls).toEqual(['start', 'reset', 'reset', 'close'])
  })
})

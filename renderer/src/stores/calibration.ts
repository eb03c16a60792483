// Blind calibration as the renderer sees it: the member's sessions and the one open on the
// session page, read from the team database each time (the server decides whose grades show).
// Nothing here works offline: a failure is kept as data and the page says what it needs.
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import type { CalibrationGradeInput, CalibrationSession, CalibrationSummary } from '@shared/contract'
import { calibrationApi } from '../api'

export const useCalibrationStore = defineStore('calibration', () => {
  const sessions = shallowRef<CalibrationSummary[]>([])
  const lead = shallowRef(false)
  const listed = shallowRef(false)
  const current = shallowRef<CalibrationSession | null>(null)
  const error = shallowRef<unknown>(null)

  async function load(): Promise<void> {
    try {
      const answer = await calibrationApi.list()
      sessions.value = answer.sessions
      lead.value = answer.lead
      listed.value = true
      error.value = null
    } catch (failure) {
      error.value = failure
    }
  }

  async function open(sessionId: number): Promise<void> {
    try {
      const answer = await calibrationApi.get(sessionId)
      current.value = answer
      error.value = null
    } catch (failure) {
      if (current.value?.session.id !== sessionId) current.value = null
      error.value = failure
    }
  }

  /** Sends the member's grade of one call, then reads the session again (counts, frozen state). */
  async function submit(sessionId: number, callId: number, grade: CalibrationGradeInput): Promise<void> {
    await calibrationApi.submit(sessionId, callId, grade)
    await open(sessionId)
  }

  async function create(input: { name: string; callIds: number[]; participants: string[]; due: string }) {
    const { sessionId } = await calibrationApi.create(input)
    await load()
    return sessionId
  }

  async function reveal(sessionId: number): Promise<void> {
    await calibrationApi.reveal(sessionId)
    await open(sessionId)
  }

  return { sessions, lead, listed, current, error, load, open, submit, create, reveal }
})

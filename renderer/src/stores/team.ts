// Team mode as the renderer sees it: the active team profile's connection status (pushed by main
// on every change, asked for on start and when the profile changes), and claims and releases.
// A pull that changed the replica, or reviews changed on another device, is announced like the end
// of a sync: lists read again.
import { useIntervalFn } from '@vueuse/core'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { TeamProfileInput, TeamStatus, TeamTestInput } from '@shared/contract'
import { teamApi } from '../api'
import { useProfilesStore } from './profiles'
import { useSyncEndsStore } from './sync-ends'

const RELOAD_EVERY_MS = 15_000

export const useTeamStore = defineStore('team', () => {
  const status = ref<TeamStatus | null>(null)
  const profiles = useProfilesStore()
  /** The active profile is a team profile: the calls page shows claims, the header the team link. */
  const active = computed(() => profiles.active?.team != null)

  function apply(next: TeamStatus): void {
    const pulled = next.replicaChangedAt !== null && next.replicaChangedAt !== status.value?.replicaChangedAt
    status.value = next
    // Another profile's late event is not this one's news.
    if (pulled && next.profileId === profiles.activeId) useSyncEndsStore().record()
  }

  /**
   * The latest reviews the member's other devices changed (the open review page takes them in,
   * keeping its unsaved edits); the lists read their review columns again like after a sync.
   */
  const reviewsChanged = shallowRef<{ callIds: number[] } | null>(null)

  /** Events seen so far: an answer to `load` sent before the latest event is older than it. */
  let events = 0

  async function load(): Promise<void> {
    const seen = events
    const next = await teamApi.status()
    // Main pushes every change as it happens; a reply overtaken by one would show the past.
    if (seen === events) apply(next)
  }

  let started = false
  function start(): void {
    if (started) return
    started = true
    teamApi.onStatus((next) => {
      events++
      apply(next)
    })
    teamApi.onReviewsChanged(({ profileId, callIds }) => {
      if (profileId !== profiles.activeId) return
      reviewsChanged.value = { callIds }
      useSyncEndsStore().record()
    })
    void load().catch(() => undefined)
    watch(
      () => profiles.activeId,
      () => void load().catch(() => undefined),
    )
    // A backstop for an event lost while the event stream reconnected.
    useIntervalFn(() => void load().catch(() => undefined), RELOAD_EVERY_MS)
  }

  async function claim(count: number): Promise<number[]> {
    const { claimed, status: next } = await teamApi.claim(count)
    apply(next)
    return claimed
  }

  async function release(callIds: number[]): Promise<number[]> {
    const { released, status: next } = await teamApi.release(callIds)
    apply(next)
    return released
  }

  async function saveProfile(input: TeamProfileInput) {
    const view = await teamApi.saveProfile(input)
    await profiles.load()
    return view
  }

  const test = (input: TeamTestInput) => teamApi.test(input)
  const pull = async () => apply(await teamApi.pull())

  return { status, active, reviewsChanged, start, load, claim, release, pull, saveProfile, test }
})

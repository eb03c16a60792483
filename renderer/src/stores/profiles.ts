// Connection profiles as the renderer may see them (no secrets), and the first-run demo. Stores
// holding a profile's data watch `activeId` and forget it when another profile becomes active.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { ConnectionTestInput, ProfileInput, ProfileUsage, ProfileView } from '@shared/contract'
import { demoApi, profilesApi } from '../api'
import { useSyncEndsStore } from './sync-ends'

export const useProfilesStore = defineStore('profiles', () => {
  const profiles = ref<ProfileView[]>([])
  const activeId = ref<string | null>(null)
  const loaded = ref(false)
  /** Per profile id: last sync, cached calls, disk use (the Connections page asks for it). */
  const usage = shallowRef<Record<string, ProfileUsage>>({})
  const active = computed(() => profiles.value.find((profile) => profile.id === activeId.value) ?? null)

  function apply(state: { profiles: ProfileView[]; activeId: string | null }): void {
    profiles.value = state.profiles
    activeId.value = state.activeId
  }

  async function load(): Promise<void> {
    apply(await profilesApi.list())
    loaded.value = true
  }

  let firstLoad: Promise<void> | null = null
  /**
   * The profiles as start-up asks for them: main.ts and the router's first navigation share one
   * request (a second would miss the answer sent ahead and wait on main again). Asked again after a
   * failure.
   */
  function loadOnce(): Promise<void> {
    firstLoad ??= load().catch((error: unknown) => {
      firstLoad = null
      throw error
    })
    return firstLoad
  }

  async function save(input: ProfileInput): Promise<ProfileView> {
    const view = await profilesApi.save(input)
    await load()
    return view
  }

  async function startDemo(): Promise<ProfileView> {
    const view = await demoApi.start()
    await load()
    return view
  }

  async function loadUsage(): Promise<void> {
    usage.value = Object.fromEntries((await profilesApi.usage()).map((figures) => [figures.id, figures]))
  }

  // How a sync ended is kept with its profile (the header shows it), and it changed the cached
  // figures: reload both once a job is over (the figures only if a page asked for them).
  watch(
    () => useSyncEndsStore().count,
    () => {
      void load().catch(() => undefined)
      if (Object.keys(usage.value).length > 0) void loadUsage().catch(() => undefined)
    },
  )

  const test = (input: ConnectionTestInput) => profilesApi.test(input)
  const activate = async (id: string) => apply(await profilesApi.activate(id))
  const remove = async (id: string) => apply(await profilesApi.remove(id))

  return {
    profiles,
    activeId,
    active,
    loaded,
    usage,
    load,
    loadOnce,
    loadUsage,
    save,
    startDemo,
    test,
    activate,
    remove,
  }
})

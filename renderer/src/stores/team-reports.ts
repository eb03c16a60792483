// The lead's page as the renderer sees it: whether the active team member is a lead (asked once the
// team database answers, again when the profile changes), and the four reports read together on
// the team server — progress, overdue leases, calibration agreement, the robot's tag accuracy —
// with when they were read. Only the latest refresh's answer is kept.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type {
  CampaignView,
  OverdueLeaseView,
  ProgressRowView,
  SessionAgreement,
  TeamRoleView,
  TeamTagAccuracy,
} from '@shared/contract'
import { teamReportsApi } from '../api'
import { useTeamStore } from './team'

export const useTeamReportsStore = defineStore('teamReports', () => {
  const team = useTeamStore()
  /** The role of the active team profile's member; null until the server answered (or not a team profile). */
  const role = shallowRef<(TeamRoleView & { profileId: string }) | null>(null)
  const isLead = computed(
    () => team.active && role.value?.role === 'lead' && role.value.profileId === team.status?.profileId,
  )

  let roleStarted = false
  /** Asks the member's role whenever the active team profile is (again) online and not yet known. */
  function watchRole(): void {
    if (roleStarted) return
    roleStarted = true
    watch(
      () => [team.status?.profileId ?? null, team.status?.state ?? 'none'] as const,
      async ([profileId, state]) => {
        if (!profileId || state !== 'online' || role.value?.profileId === profileId) return
        try {
          const answer = await teamReportsApi.role()
          if (team.status?.profileId === profileId) role.value = { ...answer, profileId }
        } catch {
          // Asked again when the connection next comes back.
        }
      },
      { immediate: true },
    )
  }

  const campaigns = shallowRef<CampaignView[]>([])
  const progress = shallowRef<ProgressRowView[]>([])
  const overdue = shallowRef<OverdueLeaseView[]>([])
  const sessions = shallowRef<SessionAgreement[]>([])
  const accuracy = shallowRef<TeamTagAccuracy[]>([])
  /** The campaign the tag accuracy and the click-throughs are narrowed to; null for all. */
  const campaign = ref<number | null>(null)
  /** When the shown reports were read (ISO), null before the first answer. */
  const updatedAt = ref<string | null>(null)
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  let latest = 0

  async function refresh(): Promise<void> {
    const ticket = ++latest
    loading.value = true
    try {
      const picked = campaign.value ?? undefined
      const [c, p, o, s, a] = await Promise.all([
        teamReportsApi.campaigns(),
        teamReportsApi.progress(),
        teamReportsApi.overdue(),
        teamReportsApi.sessions(),
        teamReportsApi.accuracy(picked),
      ])
      if (ticket !== latest) return
      campaigns.value = c
      progress.value = p
      overdue.value = o
      sessions.value = s
      accuracy.value = a
      updatedAt.value = new Date().toISOString()
      error.value = null
    } catch (failure) {
      if (ticket === latest) error.value = failure
    } finally {
      if (ticket === latest) loading.value = false
    }
  }

  const campaignName = (id: number | null): string | null =>
    id === null ? null : (campaigns.value.find((c) => c.id === id)?.name ?? null)

  return {
    role,
    isLead,
    watchRole,
    campaigns,
    progress,
    overdue,
    sessions,
    accuracy,
    campaign,
    updatedAt,
    loading,
    error,
    refresh,
    campaignName,
  }
})

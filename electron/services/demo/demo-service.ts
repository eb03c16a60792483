// The first-run demo: the BYRobot simulator on loopback serving the bundled dataset,
// and a profile pointing at it. The simulator's port changes per launch, so the
// demo profile's base URL is refreshed whenever the simulator (re)starts.
import type { RunningSimulator } from '../../sim/simulator'
import type { ProfileView } from '../../shared/contract'
import type { ProfileService } from '../profiles/profile-service'

export const DEMO_PROFILE_NAME = '演示数据 Demo'

export class DemoService {
  private simulator: Promise<RunningSimulator> | null = null

  constructor(
    private readonly profiles: ProfileService,
    private readonly dataset = 'demo',
  ) {}

  running(): boolean {
    return this.simulator !== null
  }

  private ensureSimulator(): Promise<RunningSimulator> {
    // Loaded when the demo first runs, not with every start of the app (the simulator precomputes
    // its voices when loaded).
    this.simulator ??= import('../../sim/simulator')
      .then(({ startSimulator }) => startSimulator({ dataset: this.dataset, port: 0 }))
      .catch((error: unknown) => {
        this.simulator = null
        throw error
      })
    return this.simulator
  }

  private demoProfileId(): string | undefined {
    return this.profiles.list().profiles.find((profile) => profile.demo)?.id
  }

  /** Starts the simulator, creates (or refreshes) the demo profile and makes it active. */
  async start(): Promise<ProfileView> {
    const simulator = await this.ensureSimulator()
    const id = this.demoProfileId()
    const view = this.profiles.save(
      {
        ...(id ? { id } : {}),
        name: DEMO_PROFILE_NAME,
        baseUrl: simulator.baseUrl,
        appKey: simulator.credentials.appKey,
        appSecret: simulator.credentials.appSecret,
        companyId: simulator.companyId,
      },
      { demo: true },
    )
    this.profiles.activate(view.id)
    return view
  }

  /** Before a sync of the demo profile: the simulator must be up and the profile point at it. */
  async prepareSync(profileId: string): Promise<void> {
    if (profileId === this.demoProfileId()) await this.start()
  }

  async stop(): Promise<void> {
    const simulator = this.simulator
    this.simulator = null
    if (simulator) await (await simulator).close()
  }
}

// demo.*: the first-run demo — a BYRobot simulator on loopback with the bundled
// dataset, and a profile pointing at it, synced through the real client.
import { noInput } from './app'
import { channel } from './channel'
import { profileViewSchema } from './profiles'

export const demoChannels = {
  'demo.start': channel(
    () => noInput,
    () => profileViewSchema,
  ),
}

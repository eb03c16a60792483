// Calibration runs on the team database as the member (never queued offline): an unreachable
// database is the team_unreachable error, which the page shows as "needs the team connection".
import {
  createSession,
  listCalibrations,
  readCalibration,
  revealSession,
  submitGrade,
} from '../services/team/team-calibration-view'
import type { Routes } from './route-table'

export const calibrationRoutes: Routes<'calibration'> = {
  'calibration.list': (_input, { team }) => team.require().withMember((db) => listCalibrations(db)),
  'calibration.get': (input, { team }) => team.require().withMember((db) => readCalibration(db, input.sessionId)),
  'calibration.submit': (input, { team }) =>
    team.require().withMember((db) => submitGrade(db, input.sessionId, input.callInstanceId, input.grade)),
  'calibration.create': (input, { team }) => team.require().withMember((db) => createSession(db, input)),
  'calibration.reveal': (input, { team }) => team.require().withMember((db) => revealSession(db, input.sessionId)),
}

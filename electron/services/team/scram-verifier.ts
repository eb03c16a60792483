// A SCRAM-SHA-256 verifier computed here (as psql's \password does), so that a member's
// password never travels to the server, nor into its log when a CREATE ROLE fails.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto'

const ITERATIONS = 4096

/**
 * Printable ASCII only: SASLprep leaves such a password as it is, so every client (libpq, which
 * prepares the password, and node-postgres, which does not) derives the same keys from it.
 */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 8) return 'the password must have at least 8 characters'
  if (!/^[\x20-\x7e]+$/.test(password)) return 'the password must be printable ASCII'
  return undefined
}

export function scramVerifier(password: string, salt: Buffer = randomBytes(16)): string {
  const salted = pbkdf2Sync(password, salt, ITERATIONS, 32, 'sha256')
  const clientKey = createHmac('sha256', salted).update('Client Key').digest()
  const storedKey = createHash('sha256').update(clientKey).digest()
  const serverKey = createHmac('sha256', salted).update('Server Key').digest()
  const b64 = (bytes: Buffer): string => bytes.toString('base64')
  return `SCRAM-SHA-256$${ITERATIONS}:${b64(salt)}$${b64(storedKey)}:${b64(serverKey)}`
}

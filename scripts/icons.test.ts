// The committed icons, read back from the files: every size each platform asks for is there, at
// that size in pixels (not just listed in a directory), for Windows (ICO), macOS (ICNS), Linux
// (the PNG set) and the browser tab (favicon).
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FAVICON, FAVICON_SIZES, ICNS_SIZES, ICO_SIZES, ICONS_DIR, PNG_SIZES } from './icons'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Width and height from a PNG's IHDR chunk. */
function pngSize(data: Buffer): { width: number; height: number } {
  expect(data.subarray(0, 8).equals(PNG_SIGNATURE), 'a PNG').toBe(true)
  expect(data.toString('ascii', 12, 16)).toBe('IHDR')
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) }
}

/** The pixel size of each image in an ICO file, read from the image itself (PNG or BMP). */
function icoSizes(file: string): number[] {
  const data = readFileSync(file)
  expect(data.readUInt16LE(0), 'reserved').toBe(0)
  expect(data.readUInt16LE(2), 'type 1 = icon').toBe(1)
  const sizes: number[] = []
  for (let i = 0; i < data.readUInt16LE(4); i++) {
    const entry = 6 + 16 * i
    const listed = data[entry] || 256 // 0 means 256
    const image = data.subarray(
      data.readUInt32LE(entry + 12),
      data.readUInt32LE(entry + 12) + data.readUInt32LE(entry + 8),
    )
    // A BMP entry carries its DIB header; its height counts the AND mask too.
    const real = image.subarray(0, 8).equals(PNG_SIGNATURE)
      ? pngSize(image)
      : { width: image.readInt32LE(4), height: image.readInt32LE(8) / 2 }
    expect(real, `ICO entry ${i}`).toEqual({ width: listed, height: listed })
    sizes.push(real.width)
  }
  return sizes.sort((a, b) => a - b)
}

/** ICNS element types and the pixel size Apple defines for each. */
const ICNS_TYPES: Record<string, number> = {
  is32: 16,
  il32: 32,
  ic11: 32,
  ic12: 64,
  ic07: 128,
  ic13: 256,
  ic08: 256,
  ic14: 512,
  ic09: 512,
  ic10: 1024,
}

describe('the icons rendered from resources/icon.svg', () => {
  it('Windows: icon.ico holds every size from 16 to 256 px', () => {
    expect(icoSizes(join(ICONS_DIR, 'icon.ico'))).toEqual(ICO_SIZES)
    expect(ICO_SIZES).toEqual(expect.arrayContaining([16, 32, 48, 256]))
  })

  it('macOS: icon.icns holds 16 to 1024 px, each PNG element at the size its type stands for', () => {
    const data = readFileSync(join(ICONS_DIR, 'icon.icns'))
    expect(data.toString('ascii', 0, 4)).toBe('icns')
    expect(data.readUInt32BE(4), 'the header states the file length').toBe(data.length)
    const sizes = new Set<number>()
    for (let at = 8; at < data.length;) {
      const type = data.toString('ascii', at, at + 4)
      const length = data.readUInt32BE(at + 4)
      expect(length, type).toBeGreaterThan(8)
      const body = data.subarray(at + 8, at + length)
      if (body.subarray(0, 8).equals(PNG_SIGNATURE)) {
        expect(pngSize(body), type).toEqual({ width: ICNS_TYPES[type], height: ICNS_TYPES[type] })
      }
      if (ICNS_TYPES[type]) sizes.add(ICNS_TYPES[type])
      at += length
    }
    expect([...sizes].sort((a, b) => a - b)).toEqual(ICNS_SIZES)
  })

  it('Linux: png/ holds NxN.png for each hicolor size, each that size', () => {
    const dir = join(ICONS_DIR, 'png')
    expect(readdirSync(dir).sort()).toEqual(PNG_SIZES.map((n) => `${n}x${n}.png`).sort())
    for (const n of PNG_SIZES) {
      expect(pngSize(readFileSync(join(dir, `${n}x${n}.png`))), `${n}x${n}.png`).toEqual({ width: n, height: n })
    }
  })

  it('the browser tab: favicon.ico holds 16, 32 and 48 px', () => {
    expect(icoSizes(FAVICON)).toEqual(FAVICON_SIZES)
  })
})

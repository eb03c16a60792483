// `npm run icons`: renders resources/icon.svg (the one source) into every icon the platforms need,
// committed beside it: icon.ico (Windows, NSIS), icon.icns (macOS), png/NxN.png (Linux AppImage and
// deb, the window icon) and the browser-mode favicon. icon-gen writes ICO and ICNS; sharp (the
// renderer icon-gen itself uses) writes the PNG set.
import icongen from 'icon-gen'
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'

const ROOT = join(import.meta.dirname, '..')
export const ICON_SOURCE = join(ROOT, 'resources', 'icon.svg')
export const ICONS_DIR = join(ROOT, 'resources', 'icons')
export const FAVICON = join(ROOT, 'renderer', 'public', 'favicon.ico')

/** Windows asks for 16–256 (256 for the large views and the installer). */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
/** macOS: 16–1024 (512@2x for Retina). */
export const ICNS_SIZES = [16, 32, 64, 128, 256, 512, 1024]
/** Linux desktops pick from the hicolor sizes; electron-builder reads them from png/NxN.png. */
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
/** A browser tab wants 16 and 32, a pinned or high-density one 48. */
export const FAVICON_SIZES = [16, 32, 48]

export async function renderIcons(): Promise<void> {
  mkdirSync(join(ICONS_DIR, 'png'), { recursive: true })
  await icongen(ICON_SOURCE, ICONS_DIR, {
    report: false,
    ico: { name: 'icon', sizes: ICO_SIZES },
    icns: { name: 'icon', sizes: ICNS_SIZES },
    favicon: { name: 'favicon-', pngSizes: [32], icoSizes: FAVICON_SIZES },
  })
  // icon-gen always adds favicon PNGs (the page links only the ICO) and names the ICO favicon.ico in
  // its output directory; the renderer serves it from public/.
  for (const name of readdirSync(ICONS_DIR)) if (/^favicon-.*\.png$/.test(name)) rmSync(join(ICONS_DIR, name))
  mkdirSync(join(ROOT, 'renderer', 'public'), { recursive: true })
  renameSync(join(ICONS_DIR, 'favicon.ico'), FAVICON)
  for (const size of PNG_SIZES) {
    await sharp(ICON_SOURCE)
      .resize(size, size)
      .png({ compressionLevel: 9 })
      .toFile(join(ICONS_DIR, 'png', `${size}x${size}.png`))
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  rmSync(ICONS_DIR, { recursive: true, force: true })
  await renderIcons()
  console.log(`CallLens: icons written to ${ICONS_DIR} and ${FAVICON}`)
}

// electron-builder.yml, checked against the JSON schema electron-builder itself validates with
// (app-builder-lib/scheme.json), and for the promises the README's Install section makes.
import { Ajv } from 'ajv'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { demoDatasetPath, sqliteBindingPath } from '../electron/main/packaged-paths'

const ROOT = join(import.meta.dirname, '..')
/** The parts of the configuration these tests read (the schema checks the whole). */
interface FileSet {
  from: string
  to: string
}
interface BuilderConfig {
  files: string[]
  npmRebuild: boolean
  extraResources: FileSet[]
  fileAssociations: unknown
  protocols: unknown
  linux: { target: string[]; icon: string }
  win: { target: string[]; icon: string }
  nsis: Record<string, unknown> & { installerLanguages: string[] }
  mac: { target: unknown; icon: string; notarize: boolean }
}
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig
const schema = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('app-builder-lib/scheme.json'), 'utf8'),
) as object
// strict: false: the schema carries TypeScript-generated keywords ajv does not know ("tsType").
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema)

describe("electron-builder.yml against electron-builder's own schema", () => {
  it('is valid', () => {
    const valid = validate(config)
    expect(validate.errors ?? [], 'schema errors').toEqual([])
    expect(valid).toBe(true)
  })

  it('the schema refuses a misspelt option and a wrong type (the check can fail)', () => {
    expect(validate({ ...config, nsis: { ...config.nsis, perMachine: 'no' } })).toBe(false)
    expect(validate({ ...config, protocol: config.protocols })).toBe(false)
  })
})

describe('the installers electron-builder.yml describes', () => {
  it('Linux: AppImage and deb; Windows: per-user NSIS in Chinese and English; macOS: dmg for x64 and arm64', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.win.target).toEqual(['nsis'])
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false, multiLanguageInstaller: true })
    expect(config.nsis.installerLanguages).toEqual(['zh_CN', 'en_US'])
    expect(config.mac.target).toEqual([
      { target: 'dmg', arch: ['x64', 'arm64'] },
      // The update feed's macOS artifact.
      { target: 'zip', arch: ['x64', 'arm64'] },
    ])
    // Notarisation only when scripts/dist.mjs finds the Apple credentials in the environment.
    expect(config.mac.notarize).toBe(false)
  })

  it('registers calllens:// and no file type', () => {
    expect(config.protocols).toEqual([{ name: 'CallLens', schemes: ['calllens'] }])
    expect(config.fileAssociations).toEqual([])
  })

  it("packs the icons rendered by npm run icons, and the window's icon", () => {
    for (const icon of [config.win.icon, config.mac.icon, join(config.linux.icon, '512x512.png')]) {
      expect(existsSync(join(ROOT, icon)), icon).toBe(true)
    }
    expect(config.files).toContain('resources/icons/png/512x512.png')
  })

  it("packs better-sqlite3's Electron build outside asar, where main loads it from", () => {
    const native = config.extraResources.find((entry) => entry.to.startsWith('native/'))!
    // The file scripts/electron-native.mjs builds, which a checkout's main loads too.
    expect(join(ROOT, native.from)).toBe(sqliteBindingPath({ isPackaged: false, appPath: ROOT, resourcesPath: '' }))
    // The project's own better-sqlite3 stays the Node build the tests use.
    expect(config.npmRebuild).toBe(false)
    const resources = '/opt/CallLens/resources'
    const loaded = sqliteBindingPath({ isPackaged: true, appPath: `${resources}/app.asar`, resourcesPath: resources })
    expect(loaded).toBe(join(resources, native.to))
  })

  it('leaves out only renderer libraries the main process never imports', () => {
    const pattern = config.files.find((entry) => entry.startsWith('!**/node_modules/{'))!
    const leftOut = /\{([^}]+)\}/.exec(pattern)![1]!.split(',')
    expect(leftOut).toEqual(expect.arrayContaining(['element-plus', 'echarts']))
    const mainSources = (readdirSync(join(ROOT, 'electron'), { recursive: true }) as string[])
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.includes('test-support'))
      .map((file) => readFileSync(join(ROOT, 'electron', file), 'utf8'))
    expect(mainSources.length).toBeGreaterThan(50)
    for (const name of leftOut) {
      const imported = new RegExp(`(from |import\\(|require\\()'${name.replace('.', '\\.')}(/[^']*)?'`)
      expect(
        mainSources.filter((source) => imported.test(source)),
        name,
      ).toEqual([])
    }
    // The check sees an import when there is one.
    expect(mainSources.some((source) => /from 'better-sqlite3'/.test(source))).toBe(true)
  })

  it('ships the demo dataset as plain files in resources/demo', () => {
    expect(config.extraResources).toContainEqual({ from: 'resources/demo', to: 'demo' })
    // Where the installed app's main looks for it.
    const resources = '/opt/CallLens/resources'
    expect(demoDatasetPath({ isPackaged: true, appPath: `${resources}/app.asar`, resourcesPath: resources })).toBe(
      join(resources, 'demo'),
    )
    expect(existsSync(join(ROOT, 'resources', 'demo', 'dataset.json'))).toBe(true)
  })
})

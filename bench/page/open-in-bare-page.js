/* global window, performance */
// The baseline: wavesurfer.create with only the file's URL, until `ready` (fetched, decoded, drawn), in ms.
export default (url) =>
  new Promise((resolve, reject) => {
    const started = performance.now()
    const ws = window.WaveSurfer.create({
      container: '#wave',
      url,
      height: 88,
      barWidth: 2,
      barGap: 1,
      normalize: true,
    })
    ws.on('ready', () => {
      const ms = performance.now() - started
      ws.destroy()
      resolve(ms)
    })
    ws.on('error', (error) => reject(new Error(String(error))))
  })

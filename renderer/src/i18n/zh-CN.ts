// The reference locale: every key lives here first; en.ts must match its shape.
export default {
  app: {
    name: 'CallLens',
    tagline: '百应外呼质检',
  },
  nav: {
    tasks: '任务',
    calls: '通话',
    settings: '设置',
  },
  header: {
    language: '界面语言',
    theme: '主题',
  },
  theme: {
    light: '浅色',
    dark: '深色',
    system: '跟随系统',
  },
  language: {
    'zh-CN': '中文',
    en: 'English',
  },
  tasks: {
    title: '任务',
    emptyTitle: '还没有任务',
    emptyHint: '连接百应账号或试用演示数据后，外呼任务会缓存到本机，离线也能查看。',
  },
  calls: {
    title: '通话',
    emptyTitle: '还没有缓存的通话',
    emptyHint: '同步一个任务后，在这里按意向等级、结果标签、时长和轮次筛选已完成的通话。',
  },
  settings: {
    title: '设置',
    general: '通用',
    language: '界面语言',
    theme: '主题',
    keymap: '快捷键',
    keymapHint: '审听工作台上线后可在此重新设置快捷键。默认：',
    saved: '已保存',
  },
  keys: {
    playPause: '播放 / 暂停',
    nextLine: '下一句',
    previousLine: '上一句',
    seek: '快退 / 快进 2 秒',
    verdict: '评定：通过 / 不通过 / 需跟进',
    help: '快捷键列表',
  },
  about: {
    title: '关于',
    version: '版本',
    mode: '运行方式',
    modes: { electron: '桌面应用', browser: '浏览器模式' },
    dataDir: '数据目录',
    platform: '平台',
    runtime: '运行时',
  },
  errors: {
    invalid_input: '请求参数无效：{message}',
    unknown_channel: '未知的请求：{message}',
    unauthorized: '访问令牌无效，请用启动时打印的链接重新打开 CallLens。',
    forbidden_sender: '此页面无权调用 CallLens。',
    not_found: '未找到：{message}',
    internal: '内部错误：{message}',
    offline: '无法连接到 CallLens 主进程。',
  },
}

// The active profile's comment categories (kept in its reviews file), in the reviewer's order.
// Until the reviewer edits them, the defaults in the UI's language are offered.
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { reviewsApi } from '../api'
import { useProfilesStore } from './profiles'

/** i18n keys (`commentCategory.*`) of the categories offered before the reviewer edits them. */
export const DEFAULT_CATEGORY_KEYS = ['script', 'recognition', 'interrupted', 'slow', 'unhappy', 'other'] as const

export const useCommentCategoriesStore = defineStore('commentCategories', () => {
  /** As saved; null while not loaded or never edited (the defaults apply). */
  const saved = ref<string[] | null>(null)
  let loading: Promise<void> | null = null

  function load(): Promise<void> {
    loading ??= reviewsApi.categories().then(
      (names) => void (saved.value = names),
      (failure: unknown) => {
        loading = null
        throw failure
      },
    )
    return loading
  }

  async function save(categories: string[]): Promise<void> {
    saved.value = await reviewsApi.setCategories(categories)
  }

  // Another profile has its own list.
  watch(
    () => useProfilesStore().activeId,
    () => {
      saved.value = null
      loading = null
    },
  )

  return { saved, load, save }
})

/** The categories to offer: the saved ones, or the defaults in the UI's language. */
export function useCommentCategories() {
  const { t } = useI18n()
  const store = useCommentCategoriesStore()
  void store.load().catch(() => undefined)
  return computed(() => store.saved ?? DEFAULT_CATEGORY_KEYS.map((key) => t(`commentCategory.${key}`)))
}

/* global location */
// Client-side navigation, as a link in the app does.
export default (hash) => {
  location.hash = hash
}

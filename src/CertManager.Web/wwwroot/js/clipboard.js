// Copies the text of a form element (the CSR's PEM) to the clipboard. Only text passes through here: the key and
// the signing stay on the server. Returns false when the browser refuses (no permission, not a secure context), and
// selects the text instead so that Ctrl+C still works.
export async function copyElementText(element) {
  try {
    await navigator.clipboard.writeText(element.value);
    return true;
  } catch {
    element.focus();
    element.select();
    return false;
  }
}

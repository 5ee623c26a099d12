// Small behaviours every page shares, static or interactive, loaded once from a file (no inline script, so the
// console's Content-Security-Policy can stay at script-src 'self'). Listeners sit on the document, so they keep
// working when Blazor swaps the page content on navigation.
(() => {
  // The navigation on a narrow screen: the Menu button opens and closes it; following a link closes it.
  const setMenu = (open) => {
    const toggle = document.getElementById('nav-toggle');
    const nav = document.getElementById('sidenav');
    if (!toggle || !nav) return;
    toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    nav.classList.toggle('open', open);
  };

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    if (target.closest('#nav-toggle')) {
      setMenu(document.getElementById('nav-toggle').getAttribute('aria-expanded') !== 'true');
    } else if (target.closest('#sidenav a')) {
      setMenu(false);
    }
  });

  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && document.getElementById('sidenav')?.classList.contains('open')) {
      setMenu(false);
      document.getElementById('nav-toggle')?.focus();
    }
  });

  // A download that works once (the private-key export): once its form is sent, the page says the download is done
  // and offers to prepare another, instead of showing a button that can no longer work.
  document.addEventListener('submit', (event) => {
    const form = event.target instanceof HTMLFormElement ? event.target : null;
    const doneId = form?.dataset.downloadOnce;
    if (!doneId) return;
    // After the browser has taken the submission: hiding the form first would cancel it.
    setTimeout(() => {
      const done = document.getElementById(doneId);
      const ready = form.closest('[role=status]');
      if (ready) ready.hidden = true;
      if (done) {
        done.hidden = false;
        done.querySelector('a, button')?.focus();
      }
    }, 0);
  });
})();

// An open combobox list (the country picker) owns Enter and the arrow keys: Enter takes the highlighted option
// instead of submitting the form, the arrows move the highlight instead of the caret. The component handles the keys.
document.addEventListener('keydown', (event) => {
  const target = event.target;
  if (target instanceof HTMLInputElement && target.getAttribute('role') === 'combobox' &&
      target.getAttribute('aria-expanded') === 'true' && ['Enter', 'ArrowDown', 'ArrowUp', 'Escape'].includes(event.key)) {
    event.preventDefault();
  }
}, true);

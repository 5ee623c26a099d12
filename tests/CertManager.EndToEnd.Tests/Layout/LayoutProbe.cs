namespace CertManager.EndToEnd.Tests.Layout;

/// <summary>
/// The in-page check for a layout that broke: the document wider than the window, or a visible element reaching
/// past the panel that holds it (main, a tab panel, a card, a fieldset, the top bar) without a scroll container in
/// between that keeps it reachable.
/// </summary>
internal static class LayoutProbe
{
    /// <summary>The tables whose scroll box is narrower than the table (the ids of those tables).</summary>
    public const string ScrollingTablesScript = """
        () => [...document.querySelectorAll('.table-scroll')]
          .filter(box => box.scrollWidth > box.clientWidth + 1)
          .map(box => box.querySelector('table')?.id || box.getAttribute('aria-label') || 'table')
        """;

    public const string Script = """
        () => {
          const faults = [];
          const doc = document.documentElement;
          if (doc.scrollWidth > window.innerWidth) {
            faults.push(`the page scrolls sideways: ${doc.scrollWidth}px wide in a ${window.innerWidth}px window`);
          }
          const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
            (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '');
          const scrolls = (el, panel) => {
            for (let a = el.parentElement; a && a !== panel; a = a.parentElement) {
              const x = getComputedStyle(a).overflowX;
              if (x === 'auto' || x === 'scroll') return true;
            }
            return false;
          };
          const panels = document.querySelectorAll('main, .tab-panel, .card, fieldset, .topbar, .problem, .notice, .confirm');
          for (const panel of panels) {
            const p = panel.getBoundingClientRect();
            if (p.width === 0) continue;
            for (const el of panel.querySelectorAll('*')) {
              const r = el.getBoundingClientRect();
              if (r.width === 0 || r.height === 0) continue;
              const style = getComputedStyle(el);
              if (style.visibility === 'hidden' || style.position === 'fixed') continue;
              if ((r.right > p.right + 1 || r.left < p.left - 1) && !scrolls(el, panel)) {
                faults.push(`${describe(el)} (${Math.round(r.left)}..${Math.round(r.right)}px) runs out of ${describe(panel)} (${Math.round(p.left)}..${Math.round(p.right)}px)`);
                if (faults.length > 12) return faults;
              }
            }
          }
          return faults;
        }
        """;
}
